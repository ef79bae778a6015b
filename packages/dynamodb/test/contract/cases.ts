/**
 * The DynamoDB contract: cases as data, run through the in-process API (dynamodb package) and
 * through the real AWS SDK against the HTTP server (server package). A case is a list of steps;
 * each step either returns output containing `expect` or fails with exactly `error`.
 * Sources: the AWS developer guide pages cited per case, and AWS texts recorded in public issue
 * threads and emulator test suites (DynamoDB Local, dynalite, moto), used as facts.
 */

export interface Step {
  readonly op: string;
  readonly input: Record<string, unknown>;
  /** A subset of the output (toMatchObject). */
  readonly expect?: Record<string, unknown>;
  /** Output members that must be absent. */
  readonly absent?: readonly string[];
  /** The exact error name and message. */
  readonly error?: { readonly name: string; readonly message: string };
}

export interface ContractCase {
  readonly name: string;
  readonly source: string;
  readonly steps: readonly Step[];
}

const DOCS = 'https://docs.aws.amazon.com/amazondynamodb/latest/';

/** A hash-only on-demand table named `t`. */
export const hashTable: Step = {
  op: 'createTable',
  input: {
    TableName: 'tbl',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  },
};

/** A hash+range table named `r` (pk S, sk N) with a GSI on `g` and an LSI on `l`. */
export const rangeTable: Step = {
  op: 'createTable',
  input: {
    TableName: 'rng',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'g', AttributeType: 'S' },
      { AttributeName: 'l', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    LocalSecondaryIndexes: [
      {
        IndexName: 'lsi',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'l', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  },
};

const put = (id: string, extra: Record<string, unknown> = {}): Step => ({ op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: id }, ...extra } } });
const putR = (pk: string, sk: number, extra: Record<string, unknown> = {}): Step => ({
  op: 'putItem',
  input: { TableName: 'rng', Item: { pk: { S: pk }, sk: { N: String(sk) }, ...extra } },
});
const validation = (message: string) => ({ name: 'ValidationException', message });

export const cases: readonly ContractCase[] = [
  // ---- tables ----
  {
    name: 'createTable then describeTable',
    source: `${DOCS}APIReference/API_CreateTable.html`,
    steps: [
      hashTable,
      {
        op: 'describeTable',
        input: { TableName: 'tbl' },
        expect: { Table: { TableName: 'tbl', TableStatus: 'ACTIVE', ItemCount: 0, BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } } },
      },
    ],
  },
  {
    name: 'createTable twice is ResourceInUseException',
    source: `${DOCS}APIReference/API_CreateTable.html#API_CreateTable_Errors`,
    steps: [hashTable, { ...hashTable, error: { name: 'ResourceInUseException', message: 'Table already exists: tbl' } }],
  },
  {
    name: 'table name too short',
    source: `${DOCS}developerguide/HowItWorks.NamingRulesDataTypes.html`,
    steps: [
      {
        op: 'describeTable',
        input: { TableName: 'ab' },
        error: validation("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"),
      },
    ],
  },
  {
    name: 'describeTable of a missing table',
    source: 'https://github.com/joshsymonds/Dynamoid/issues/180',
    steps: [{ op: 'describeTable', input: { TableName: 'nope' }, error: { name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: nope not found' } }],
  },
  {
    name: 'provisioned billing needs throughput',
    source: `${DOCS}APIReference/API_CreateTable.html`,
    steps: [
      {
        op: 'createTable',
        input: { TableName: 'pp1', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
        error: validation('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED'),
      },
    ],
  },
  {
    name: 'attribute definitions must match key schema',
    source: `${DOCS}APIReference/API_CreateTable.html`,
    steps: [
      {
        op: 'createTable',
        input: {
          TableName: 'pp2',
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'x', AttributeType: 'S' },
          ],
        },
        error: validation('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions'),
      },
    ],
  },
  {
    name: 'listTables paginates',
    source: `${DOCS}APIReference/API_ListTables.html`,
    steps: [
      hashTable,
      rangeTable,
      { op: 'listTables', input: { Limit: 1 }, expect: { TableNames: ['rng'], LastEvaluatedTableName: 'rng' } },
      { op: 'listTables', input: { ExclusiveStartTableName: 'rng' }, expect: { TableNames: ['tbl'] } },
    ],
  },
  // ---- items ----
  {
    name: 'putItem then getItem, numbers canonical',
    source: `${DOCS}developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number`,
    steps: [
      hashTable,
      put('a', { n: { N: '01.50' }, s: { S: '' } }),
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'a' } } }, expect: { Item: { id: { S: 'a' }, n: { N: '1.5' }, s: { S: '' } } } },
    ],
  },
  {
    name: 'item operations on a missing table',
    source: 'https://github.com/hashicorp-education/learn-terraform-aft-account-request/issues/4',
    steps: [{ op: 'getItem', input: { TableName: 'nope', Key: { id: { S: 'a' } } }, error: { name: 'ResourceNotFoundException', message: 'Requested resource not found' } }],
  },
  {
    name: 'key type mismatch on putItem',
    source: 'https://github.com/search?q=%22Type+mismatch+for+key%22',
    steps: [
      hashTable,
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { N: '1' } } },
        error: validation('One or more parameter values were invalid: Type mismatch for key id expected: S actual: N'),
      },
    ],
  },
  {
    name: 'missing key on putItem',
    source: `${DOCS}APIReference/API_PutItem.html`,
    steps: [hashTable, { op: 'putItem', input: { TableName: 'tbl', Item: { x: { S: '1' } } }, error: validation('One or more parameter values were invalid: Missing the key id in the item') }],
  },
  {
    name: 'empty string key',
    source: 'https://aws.amazon.com/about-aws/whats-new/2020/05/amazon-dynamodb-now-supports-empty-values-for-non-key-string-and-binary-attributes-in-dynamodb-tables/',
    steps: [
      hashTable,
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { S: '' } } },
        error: validation('One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id'),
      },
    ],
  },
  {
    name: 'getItem with a wrong key',
    source: `${DOCS}APIReference/API_GetItem.html`,
    steps: [hashTable, { op: 'getItem', input: { TableName: 'tbl', Key: { other: { S: 'a' } } }, error: validation('The provided key element does not match the schema') }],
  },
  {
    name: 'empty AttributeValue',
    source: `${DOCS}APIReference/API_AttributeValue.html`,
    steps: [hashTable, { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, x: {} } }, error: validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes') }],
  },
  {
    name: 'number with more than 38 digits',
    source: `${DOCS}developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number`,
    steps: [
      hashTable,
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, n: { N: '1234567890123456789012345678901234567890' } } }, error: validation('Attempting to store more than 38 significant digits in a Number') },
    ],
  },
  {
    name: 'number overflow',
    source: `${DOCS}developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number`,
    steps: [
      hashTable,
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, n: { N: '1E126' } } }, error: validation('Number overflow. Attempting to store a number with magnitude larger than supported range') },
    ],
  },
  {
    name: 'duplicate string set members',
    source: `${DOCS}developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.SetTypes`,
    steps: [
      hashTable,
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, ss: { SS: ['x', 'x'] } } }, error: validation('One or more parameter values were invalid: Input collection [x, x] contains duplicates.') },
    ],
  },
  {
    name: 'ReturnValues ALL_OLD on put',
    source: `${DOCS}APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValues`,
    steps: [
      hashTable,
      put('a', { v: { N: '1' } }),
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, v: { N: '2' } }, ReturnValues: 'ALL_OLD' }, expect: { Attributes: { id: { S: 'a' }, v: { N: '1' } } } },
    ],
  },
  {
    name: 'item size: 400 KB including attribute names',
    source: `${DOCS}developerguide/ServiceQuotas.html#limits-items`,
    steps: [
      hashTable,
      // 2 (id) + 1 (a) + 1 (b) + 409,596 = 409,600 bytes: exactly the limit.
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, b: { S: 'x'.repeat(409_596) } } } },
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' }, b: { S: 'x'.repeat(409_597) } } }, error: validation('Item size has exceeded the maximum allowed size') },
    ],
  },
  {
    name: 'key size: 2048 bytes for a partition key',
    source: `${DOCS}developerguide/ServiceQuotas.html#limits-partition-sort-keys`,
    steps: [
      hashTable,
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'k'.repeat(2048) } } } },
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { S: 'k'.repeat(2049) } } },
        error: validation('One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes'),
      },
    ],
  },
  {
    name: 'ReturnItemCollectionMetrics on a table with an LSI',
    source: `${DOCS}APIReference/API_ItemCollectionMetrics.html`,
    steps: [
      rangeTable,
      {
        op: 'putItem',
        input: { TableName: 'rng', Item: { pk: { S: 'p' }, sk: { N: '1' } }, ReturnItemCollectionMetrics: 'SIZE' },
        expect: { ItemCollectionMetrics: { ItemCollectionKey: { pk: { S: 'p' } }, SizeEstimateRangeGB: [0, 1] } },
      },
    ],
  },
  {
    name: 'ReturnValues ALL_NEW on put is rejected',
    source: `${DOCS}APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValues`,
    steps: [hashTable, { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_NEW' }, error: validation('ReturnValues can only be ALL_OLD or NONE') }],
  },
  // ---- conditions ----
  {
    name: 'attribute_not_exists guards a put',
    source: `${DOCS}developerguide/Expressions.ConditionExpressions.html`,
    steps: [
      hashTable,
      put('a'),
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)' }, error: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' } },
    ],
  },
  {
    name: 'ReturnValuesOnConditionCheckFailure returns the item',
    source: `${DOCS}APIReference/API_PutItem.html#DDB-PutItem-request-ReturnValuesOnConditionCheckFailure`,
    steps: [
      hashTable,
      put('a', { v: { N: '1' } }),
      {
        op: 'deleteItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, ConditionExpression: 'v = :two', ExpressionAttributeValues: { ':two': { N: '2' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
        error: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
      },
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'a' } } }, expect: { Item: { id: { S: 'a' }, v: { N: '1' } } } },
    ],
  },
  {
    name: 'unused expression attribute value',
    source: 'https://github.com/search?q=%22unused+in+expressions%22',
    steps: [
      hashTable,
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)', ExpressionAttributeValues: { ':x': { S: 'x' } } },
        error: validation('Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}'),
      },
    ],
  },
  {
    name: 'unused expression attribute name',
    source: 'https://github.com/search?q=%22unused+in+expressions%22',
    steps: [
      hashTable,
      {
        op: 'getItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': 'a', '#b': 'b' } },
        error: validation('Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}'),
      },
    ],
  },
  {
    name: 'undefined expression attribute value',
    source: `${DOCS}developerguide/Expressions.ExpressionAttributeValues.html`,
    steps: [
      hashTable,
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ConditionExpression: 'v = :missing' },
        error: validation('Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing'),
      },
    ],
  },
  {
    name: 'undefined expression attribute name',
    source: `${DOCS}developerguide/Expressions.ExpressionAttributeNames.html`,
    steps: [
      hashTable,
      {
        op: 'getItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, ProjectionExpression: '#missing' },
        error: validation('Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing'),
      },
    ],
  },
  {
    name: 'reserved word in a projection',
    source: `${DOCS}developerguide/ReservedWords.html`,
    steps: [
      hashTable,
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'a' } }, ProjectionExpression: 'id, COMMENT' }, error: validation('Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: COMMENT') },
    ],
  },
  {
    name: 'syntax error at end of expression',
    source: `${DOCS}developerguide/Expressions.OperatorsAndFunctions.html`,
    steps: [
      hashTable,
      {
        op: 'putItem',
        input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ConditionExpression: 'a = :v AND', ExpressionAttributeValues: { ':v': { S: 'x' } } },
        error: validation('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'),
      },
    ],
  },
  {
    name: 'precedence: NOT binds tighter than AND, AND tighter than OR',
    source: `${DOCS}developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Precedence`,
    steps: [
      hashTable,
      put('a', { x: { N: '1' }, y: { N: '2' } }),
      {
        op: 'deleteItem',
        input: {
          TableName: 'tbl',
          Key: { id: { S: 'a' } },
          ConditionExpression: 'x = :zero OR NOT x = :zero AND y = :two',
          ExpressionAttributeValues: { ':zero': { N: '0' }, ':two': { N: '2' } },
          ReturnValues: 'ALL_OLD',
        },
        expect: { Attributes: { id: { S: 'a' }, x: { N: '1' }, y: { N: '2' } } },
      },
    ],
  },
  {
    name: 'functions: begins_with, contains, size, attribute_type, IN, BETWEEN',
    source: `${DOCS}developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Functions`,
    steps: [
      hashTable,
      put('a', { s: { S: 'hello' }, ss: { SS: ['x', 'y'] }, l: { L: [{ N: '1' }, { N: '2' }] }, n: { N: '5' } }),
      {
        op: 'updateItem',
        input: {
          TableName: 'tbl',
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET ok = :t',
          ConditionExpression:
            'begins_with(s, :he) AND contains(ss, :x) AND size(l) = :two AND attribute_type(n, :N) AND n IN (:four, :five) AND n BETWEEN :four AND :five',
          ExpressionAttributeValues: { ':t': { BOOL: true }, ':he': { S: 'he' }, ':x': { S: 'x' }, ':two': { N: '2' }, ':N': { S: 'N' }, ':four': { N: '4' }, ':five': { N: '5' } },
          ReturnValues: 'UPDATED_NEW',
        },
        expect: { Attributes: { ok: { BOOL: true } } },
      },
    ],
  },
  // ---- updates ----
  {
    name: 'update: SET arithmetic, if_not_exists, list_append, REMOVE, ADD, DELETE',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html`,
    steps: [
      hashTable,
      put('a', { n: { N: '0.1' }, l: { L: [{ S: 'x' }] }, gone: { S: 'bye' }, tags: { SS: ['a', 'b'] } }),
      {
        op: 'updateItem',
        input: {
          TableName: 'tbl',
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET n = n + :p2, c = if_not_exists(c, :zero), l = list_append(l, :more) REMOVE gone ADD cnt :one DELETE tags :a',
          ExpressionAttributeValues: { ':p2': { N: '0.2' }, ':zero': { N: '0' }, ':more': { L: [{ S: 'y' }] }, ':one': { N: '1' }, ':a': { SS: ['a'] } },
          ReturnValues: 'ALL_NEW',
        },
        expect: {
          Attributes: { id: { S: 'a' }, n: { N: '0.3' }, c: { N: '0' }, l: { L: [{ S: 'x' }, { S: 'y' }] }, cnt: { N: '1' }, tags: { SS: ['b'] } },
        },
      },
    ],
  },
  {
    name: 'update: nested map path and list index',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET.AddingNestedMapAttributes`,
    steps: [
      hashTable,
      put('a', { m: { M: { deep: { L: [{ N: '1' }, { N: '2' }] } } } }),
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'SET m.deep[1] = :v, m.#new = :v', ExpressionAttributeNames: { '#new': 'new' }, ExpressionAttributeValues: { ':v': { N: '9' } }, ReturnValues: 'UPDATED_NEW' },
        expect: { Attributes: { m: { M: { deep: { L: [{ N: '9' }] }, new: { N: '9' } } } } },
      },
    ],
  },
  {
    name: 'update: overlapping paths',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html`,
    steps: [
      hashTable,
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = :v, a.b = :v', ExpressionAttributeValues: { ':v': { N: '1' } } },
        error: validation('Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]'),
      },
    ],
  },
  {
    name: 'update: key attributes cannot change',
    source: `${DOCS}APIReference/API_UpdateItem.html`,
    steps: [
      hashTable,
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'SET id = :v', ExpressionAttributeValues: { ':v': { S: 'b' } } },
        error: validation('One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key'),
      },
    ],
  },
  {
    name: 'update: arithmetic on a string',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET.IncrementAndDecrement`,
    steps: [
      hashTable,
      put('a', { s: { S: 'x' } }),
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'SET s = s + :one', ExpressionAttributeValues: { ':one': { N: '1' } } },
        error: validation('An operand in the update expression has an incorrect data type'),
      },
    ],
  },
  {
    name: 'update: ADD with a string operand',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.ADD`,
    steps: [
      hashTable,
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'ADD s :x', ExpressionAttributeValues: { ':x': { S: 'x' } } },
        error: validation('Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING'),
      },
    ],
  },
  {
    name: 'update: missing operand attribute',
    source: `${DOCS}developerguide/Expressions.UpdateExpressions.html`,
    steps: [
      hashTable,
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = b' },
        error: validation('The provided expression refers to an attribute that does not exist in the item'),
      },
    ],
  },
  {
    name: 'legacy Expected and AttributeUpdates',
    source: `${DOCS}developerguide/LegacyConditionalParameters.html`,
    steps: [
      hashTable,
      put('a', { v: { N: '1' } }),
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, Expected: { v: { Value: { N: '1' } } }, AttributeUpdates: { v: { Action: 'ADD', Value: { N: '2' } } }, ReturnValues: 'ALL_NEW' },
        expect: { Attributes: { id: { S: 'a' }, v: { N: '3' } } },
      },
      {
        op: 'updateItem',
        input: { TableName: 'tbl', Key: { id: { S: 'a' } }, Expected: { v: { Value: { N: '1' } } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } },
        error: validation('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}'),
      },
    ],
  },
  // ---- query and scan ----
  {
    name: 'query: numeric order, ScanIndexForward, Limit and LastEvaluatedKey',
    source: `${DOCS}developerguide/Query.Pagination.html`,
    steps: [
      rangeTable,
      putR('p', 10),
      putR('p', 9),
      putR('p', -1.5),
      putR('q', 1),
      {
        op: 'query',
        input: { TableName: 'rng', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 2 },
        expect: { Count: 2, ScannedCount: 2, Items: [{ pk: { S: 'p' }, sk: { N: '-1.5' } }, { pk: { S: 'p' }, sk: { N: '9' } }], LastEvaluatedKey: { pk: { S: 'p' }, sk: { N: '9' } } },
      },
      {
        op: 'query',
        input: { TableName: 'rng', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, ExclusiveStartKey: { pk: { S: 'p' }, sk: { N: '9' } } },
        expect: { Count: 1, Items: [{ pk: { S: 'p' }, sk: { N: '10' } }] },
      },
      {
        op: 'query',
        input: { TableName: 'rng', KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '0' }, ':b': { N: '100' } }, ScanIndexForward: false },
        expect: { Count: 2, Items: [{ sk: { N: '10' } }, { sk: { N: '9' } }] },
      },
    ],
  },
  {
    name: 'query: Limit applies before the filter',
    source: `${DOCS}developerguide/Query.FilterExpression.html`,
    steps: [
      rangeTable,
      putR('p', 1, { v: { N: '1' } }),
      putR('p', 2, { v: { N: '2' } }),
      {
        op: 'query',
        input: { TableName: 'rng', KeyConditionExpression: 'pk = :p', FilterExpression: 'v = :two', ExpressionAttributeValues: { ':p': { S: 'p' }, ':two': { N: '2' } }, Limit: 1 },
        expect: { Count: 0, ScannedCount: 1, Items: [], LastEvaluatedKey: { pk: { S: 'p' }, sk: { N: '1' } } },
      },
    ],
  },
  {
    name: 'query: key condition on a non-key attribute',
    source: `${DOCS}developerguide/Query.KeyConditionExpressions.html`,
    steps: [
      rangeTable,
      { op: 'query', input: { TableName: 'rng', KeyConditionExpression: 'sk = :s', ExpressionAttributeValues: { ':s': { N: '1' } } }, error: validation('Query condition missed key schema element: pk') },
    ],
  },
  {
    name: 'query: a GSI (KEYS_ONLY) and an LSI',
    source: `${DOCS}developerguide/GSI.html`,
    steps: [
      rangeTable,
      putR('p', 1, { g: { S: 'G' }, l: { S: 'b' }, extra: { S: 'x' } }),
      putR('p', 2, { g: { S: 'G' }, l: { S: 'a' } }),
      { op: 'query', input: { TableName: 'rng', IndexName: 'gsi', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } } }, expect: { Count: 2, Items: [{ pk: { S: 'p' }, sk: { N: '1' }, g: { S: 'G' } }, { pk: { S: 'p' }, sk: { N: '2' }, g: { S: 'G' } }] } },
      { op: 'query', input: { TableName: 'rng', IndexName: 'lsi', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } }, expect: { Items: [{ sk: { N: '2' }, l: { S: 'a' } }, { sk: { N: '1' }, l: { S: 'b' }, extra: { S: 'x' } }] } },
      {
        op: 'query',
        input: { TableName: 'rng', IndexName: 'gsi', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } }, ConsistentRead: true },
        error: validation('Consistent reads are not supported on global secondary indexes'),
      },
      { op: 'query', input: { TableName: 'rng', IndexName: 'nope', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'G' } } }, error: validation('The table does not have the specified index: nope') },
    ],
  },
  {
    name: 'scan with Select COUNT and a filter',
    source: `${DOCS}APIReference/API_Scan.html#DDB-Scan-request-Select`,
    steps: [
      hashTable,
      put('a', { v: { N: '1' } }),
      put('b', { v: { N: '2' } }),
      put('c'),
      { op: 'scan', input: { TableName: 'tbl', Select: 'COUNT', FilterExpression: 'attribute_exists(v)' }, expect: { Count: 2, ScannedCount: 3 } },
    ],
  },
  {
    name: 'scan: Segment without TotalSegments',
    source: `${DOCS}developerguide/Scan.html#Scan.ParallelScan`,
    steps: [hashTable, { op: 'scan', input: { TableName: 'tbl', Segment: 0 }, error: validation('The TotalSegments parameter is required but was not present in the request when parameter Segment is present') }],
  },
  {
    name: 'Limit must be positive',
    source: `${DOCS}APIReference/API_Scan.html#DDB-Scan-request-Limit`,
    steps: [hashTable, { op: 'scan', input: { TableName: 'tbl', Limit: 0 }, error: validation("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1") }],
  },
  // ---- batch and transactions ----
  {
    name: 'batchWriteItem then batchGetItem',
    source: `${DOCS}APIReference/API_BatchWriteItem.html`,
    steps: [
      hashTable,
      { op: 'batchWriteItem', input: { RequestItems: { tbl: [{ PutRequest: { Item: { id: { S: 'a' } } } }, { PutRequest: { Item: { id: { S: 'b' } } } }] } }, expect: { UnprocessedItems: {} } },
      { op: 'batchGetItem', input: { RequestItems: { tbl: { Keys: [{ id: { S: 'a' } }, { id: { S: 'zz' } }] } } }, expect: { Responses: { tbl: [{ id: { S: 'a' } }] }, UnprocessedKeys: {} } },
    ],
  },
  {
    name: 'batchWriteItem over 25 requests',
    source: `${DOCS}APIReference/API_BatchWriteItem.html`,
    steps: [
      hashTable,
      {
        op: 'batchWriteItem',
        input: { RequestItems: { tbl: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { id: { S: `k${i}` } } } })) } },
        error: validation('Too many items requested for the BatchWriteItem call'),
      },
    ],
  },
  {
    name: 'Select ALL_PROJECTED_ATTRIBUTES needs an index',
    source: `${DOCS}APIReference/API_Query.html#DDB-Query-request-Select`,
    steps: [hashTable, { op: 'scan', input: { TableName: 'tbl', Select: 'ALL_PROJECTED_ATTRIBUTES' }, error: validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName') }],
  },
  {
    name: 'batchGetItem with duplicate keys',
    source: `${DOCS}APIReference/API_BatchGetItem.html`,
    steps: [
      hashTable,
      { op: 'batchGetItem', input: { RequestItems: { tbl: { Keys: [{ id: { S: 'a' } }, { id: { S: 'a' } }] } } }, error: validation('Provided list of item keys contains duplicates') },
    ],
  },
  {
    name: 'transactWriteItems is all or nothing, reasons in order',
    source: `${DOCS}APIReference/API_TransactWriteItems.html`,
    steps: [
      hashTable,
      put('a', { v: { N: '1' } }),
      {
        op: 'transactWriteItems',
        input: {
          TransactItems: [
            { Put: { TableName: 'tbl', Item: { id: { S: 'new' } } } },
            { ConditionCheck: { TableName: 'tbl', Key: { id: { S: 'a' } }, ConditionExpression: 'v = :two', ExpressionAttributeValues: { ':two': { N: '2' } } } },
          ],
        },
        error: { name: 'TransactionCanceledException', message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]' },
      },
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'new' } } }, absent: ['Item'] },
      { op: 'scan', input: { TableName: 'tbl' }, expect: { Count: 1 } },
    ],
  },
  {
    name: 'transactWriteItems on one item twice',
    source: `${DOCS}APIReference/API_TransactWriteItems.html`,
    steps: [
      hashTable,
      {
        op: 'transactWriteItems',
        input: { TransactItems: [{ Put: { TableName: 'tbl', Item: { id: { S: 'a' } } } }, { Delete: { TableName: 'tbl', Key: { id: { S: 'a' } } } }] },
        error: validation('Transaction request cannot include multiple operations on one item'),
      },
    ],
  },
  {
    name: 'transactWriteItems idempotency token',
    source: `${DOCS}APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken`,
    steps: [
      hashTable,
      { op: 'transactWriteItems', input: { ClientRequestToken: 'tok', TransactItems: [{ Update: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }] } },
      { op: 'transactWriteItems', input: { ClientRequestToken: 'tok', TransactItems: [{ Update: { TableName: 'tbl', Key: { id: { S: 'a' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } }] } },
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'a' } } }, expect: { Item: { id: { S: 'a' }, n: { N: '1' } } } },
      {
        op: 'transactWriteItems',
        input: { ClientRequestToken: 'tok', TransactItems: [{ Delete: { TableName: 'tbl', Key: { id: { S: 'a' } } } }] },
        error: { name: 'IdempotentParameterMismatchException', message: 'The request uses the same client token as a previous, but non-identical request.' },
      },
    ],
  },
  {
    name: 'transactGetItems',
    source: `${DOCS}APIReference/API_TransactGetItems.html`,
    steps: [
      hashTable,
      put('a'),
      { op: 'transactGetItems', input: { TransactItems: [{ Get: { TableName: 'tbl', Key: { id: { S: 'a' } } } }, { Get: { TableName: 'tbl', Key: { id: { S: 'b' } } } }] }, expect: { Responses: [{ Item: { id: { S: 'a' } } }, {}] } },
    ],
  },
  {
    name: 'ReturnConsumedCapacity TOTAL',
    source: `${DOCS}developerguide/CapacityUnitCalculations.html`,
    steps: [
      hashTable,
      { op: 'putItem', input: { TableName: 'tbl', Item: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }, expect: { ConsumedCapacity: { TableName: 'tbl', CapacityUnits: 1 } } },
      { op: 'getItem', input: { TableName: 'tbl', Key: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }, expect: { ConsumedCapacity: { TableName: 'tbl', CapacityUnits: 0.5 } } },
    ],
  },
  {
    name: 'tags: a tag without a value, then tag, list, untag',
    source: `${DOCS}APIReference/API_TagResource.html`,
    steps: [
      hashTable,
      {
        op: 'tagResource',
        input: { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl', Tags: [{ Key: 'team' }] },
        error: validation("1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"),
      },
      { op: 'tagResource', input: { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl', Tags: [{ Key: 'team', Value: 'core' }] } },
      { op: 'listTagsOfResource', input: { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl' }, expect: { Tags: [{ Key: 'team', Value: 'core' }] } },
      { op: 'untagResource', input: { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl', TagKeys: ['team'] } },
      { op: 'listTagsOfResource', input: { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/tbl' }, expect: { Tags: [] } },
    ],
  },
  {
    name: 'PartiQL: INSERT, SELECT by key and by scan, UPDATE, DELETE',
    source: `${DOCS}developerguide/ql-reference.html`,
    steps: [
      rangeTable,
      { op: 'executeStatement', input: { Statement: `INSERT INTO "rng" VALUE {'pk': ?, 'sk': 1, 'name': 'one', 'tags': <<'a', 'b'>>}`, Parameters: [{ S: 'p' }] } },
      { op: 'executeStatement', input: { Statement: `INSERT INTO rng VALUE {'pk': 'p', 'sk': 2, 'n': 5}` } },
      {
        op: 'executeStatement',
        input: { Statement: `INSERT INTO rng VALUE {'pk': 'p', 'sk': 2}` },
        error: { name: 'DuplicateItemException', message: 'Duplicate primary key exists in table' },
      },
      { op: 'executeStatement', input: { Statement: `SELECT sk, name FROM rng WHERE pk = 'p' AND sk >= 1` }, expect: { Items: [{ sk: { N: '1' }, name: { S: 'one' } }, { sk: { N: '2' } }] } },
      { op: 'executeStatement', input: { Statement: `SELECT * FROM "rng" WHERE n > 1` }, expect: { Items: [{ pk: { S: 'p' }, sk: { N: '2' }, n: { N: '5' } }] } },
      { op: 'executeStatement', input: { Statement: `UPDATE rng SET n = n + 1 REMOVE gone WHERE pk = 'p' AND sk = 2 RETURNING ALL NEW *` }, expect: { Items: [{ pk: { S: 'p' }, sk: { N: '2' }, n: { N: '6' } }] } },
      {
        op: 'executeStatement',
        input: { Statement: `UPDATE rng SET n = 1 WHERE pk = 'p'` },
        error: validation('Where clause does not contain a mandatory equality on all key attributes'),
      },
      {
        op: 'executeStatement',
        input: { Statement: `UPDATE rng SET n = 1 WHERE pk = 'p' AND sk = 99` },
        error: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
      },
      { op: 'executeStatement', input: { Statement: `DELETE FROM rng WHERE pk = 'p' AND sk = 1` } },
      { op: 'executeStatement', input: { Statement: `SELECT * FROM rng WHERE pk = 'p'` }, expect: { Items: [{ sk: { N: '2' } }] } },
    ],
  },
  {
    name: 'PartiQL: malformed statement and parameter count',
    source: `${DOCS}developerguide/ql-reference.html`,
    steps: [
      hashTable,
      { op: 'executeStatement', input: { Statement: 'FROB tbl' }, error: validation("Statement wasn't well formed, can't be processed: Expected data manipulation") },
      { op: 'executeStatement', input: { Statement: 'SELECT * FROM tbl WHERE id = ?' }, error: validation("Number of parameters in request and statement don't match.") },
    ],
  },
  {
    name: 'PartiQL: batchExecuteStatement answers each statement alone',
    source: `${DOCS}APIReference/API_BatchExecuteStatement.html`,
    steps: [
      hashTable,
      put('a'),
      {
        op: 'batchExecuteStatement',
        input: { Statements: [{ Statement: `INSERT INTO tbl VALUE {'id': 'a'}` }, { Statement: `SELECT * FROM tbl WHERE id = 'a'` }] },
        expect: { Responses: [{ Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } }, { TableName: 'tbl', Item: { id: { S: 'a' } } }] },
      },
    ],
  },
  {
    name: 'PartiQL: executeTransaction is all or nothing',
    source: `${DOCS}APIReference/API_ExecuteTransaction.html`,
    steps: [
      hashTable,
      put('a'),
      {
        op: 'executeTransaction',
        input: { TransactStatements: [{ Statement: `INSERT INTO tbl VALUE {'id': 'b'}` }, { Statement: `INSERT INTO tbl VALUE {'id': 'a'}` }] },
        error: { name: 'TransactionCanceledException', message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem]' },
      },
      { op: 'scan', input: { TableName: 'tbl' }, expect: { Count: 1 } },
      { op: 'executeTransaction', input: { TransactStatements: [{ Statement: `SELECT * FROM tbl WHERE id = 'a'` }] }, expect: { Responses: [{ Item: { id: { S: 'a' } } }] } },
    ],
  },
];
