/**
 * The expression language through the public API: precedence, parenthesised operands, AWS's
 * syntax-error texts, the value checks AWS makes before evaluating, and linear-time parsing of
 * deeply nested input (the npm peer takes 27 s at depth 10; AWS accepts depth 149).
 * Source: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
import fc from 'fast-check';
import { DynamoDB, DynamoDBError, reservedWordCount, type AttributeValue } from '@fogbank/dynamodb';
import { beforeEach, describe, expect, test } from 'vitest';

let db: DynamoDB;
beforeEach(async () => {
  db = new DynamoDB();
  await db.createTable({
    TableName: 'things',
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  await db.putItem({ TableName: 'things', Item: { id: { S: 'a' }, x: { N: '1' }, s: { S: 'hello' }, l: { L: [{ N: '1' }] } } });
});

const scanWith = (FilterExpression: string, values: Record<string, AttributeValue> = { ':v': { N: '1' } }, names?: Record<string, string>) =>
  db.scan({
    TableName: 'things',
    FilterExpression,
    ExpressionAttributeValues: values,
    ...(names ? { ExpressionAttributeNames: names } : {}),
  });

describe('condition expressions', () => {
  test.for([
    { name: 'parenthesised operand', expr: '(x) = :v', count: 1 },
    { name: 'OR binds looser than AND', expr: 'x = :v OR x = :v AND x <> :v', count: 1 },
    { name: 'NOT binds tighter than AND', expr: 'NOT x <> :v AND x = :v', count: 1 },
    { name: 'keywords are case-insensitive', expr: 'x = :v and not x <> :v', count: 1 },
    { name: '<> is true for a missing attribute', expr: 'absent <> :v', count: 1 },
    { name: 'IN with a missing operand is false, not a crash', expr: 'absent IN (:v)', count: 0 },
    { name: 'comparison across types is false', expr: 's < :v', count: 0 },
    { name: 'size of a list', expr: 'size(l) = :v', count: 1 },
    { name: 'list index path', expr: 'l[0] = :v', count: 1 },
  ])('$name', async ({ expr, count }) => {
    expect((await scanWith(expr)).Count).toBe(count);
  });

  test.for([
    { expr: 'x = :v AND', message: 'Invalid FilterExpression: Syntax error; token: "<EOF>", near: "AND"' },
    { expr: 'x = :v AND __t = :v', message: 'Invalid FilterExpression: Syntax error; token: "_", near: "AND __"' },
    { expr: '((x = :v))', message: 'Invalid FilterExpression: The expression has redundant parentheses;' },
    { expr: 'size(x)', message: 'Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size' },
    { expr: 'attribute_exists(x) = :v', message: 'Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_exists' },
    { expr: 'frob(x)', message: 'Invalid FilterExpression: Invalid function name; function: frob' },
    { expr: 'attribute_exists(:v)', message: 'Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists' },
    { expr: 'begins_with(x)', message: 'Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1' },
    { expr: 'begins_with(s, :v)', message: 'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N' },
    { expr: 'x = x', message: 'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [x]' },
    { expr: 'name = :v', message: 'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name' },
  ])('rejects $expr', async ({ expr, message }) => {
    await expect(scanWith(expr)).rejects.toThrow(message);
  });

  test.for([
    { expr: 'name = :v AND frob(x)', message: 'Invalid FilterExpression: Invalid function name; function: frob' },
    { expr: 'name = :v AND ((x = :v))', message: 'Invalid FilterExpression: The expression has redundant parentheses;' },
    { expr: 'begins_with(x) AND #nope = :v', message: 'Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #nope' },
    { expr: 'size(x) AND name = :v', message: 'Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size' },
  ])('reports problems in AWS’s order of kinds, not of position: $expr', async ({ expr, message }) => {
    await expect(scanWith(expr)).rejects.toThrow(message);
  });

  test('BETWEEN with reversed bounds', async () => {
    await expect(scanWith('x BETWEEN :hi AND :lo', { ':hi': { N: '5' }, ':lo': { N: '1' } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}]`,
    );
  });

  test('attribute_type with an unknown type name', async () => {
    await expect(scanWith('attribute_type(x, :t)', { ':t': { S: 'Z' } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: Invalid FilterExpression: Invalid attribute type name found; type: Z, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}]`,
    );
  });

  test('ExpressionAttributeValues with an invalid value names the key', async () => {
    await expect(scanWith('x = :v', { ':v': { SS: [] } })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v]`,
    );
  });

  test('ExpressionAttributeNames must not be empty', async () => {
    await expect(scanWith('x = :v', { ':v': { N: '1' } }, {})).rejects.toThrowErrorMatchingInlineSnapshot(`[ValidationException: ExpressionAttributeNames must not be empty]`);
  });

  test('more than 300 operators are rejected', async () => {
    const expr = Array.from({ length: 151 }, () => 'x = :v').join(' AND ');
    await expect(scanWith(expr)).rejects.toThrow('Invalid FilterExpression: The expression contains too many operators; operator count: 301');
  });

  test('expressions over 4 KB are rejected', async () => {
    const expr = `x = :v${' '.repeat(4100)}`;
    await expect(scanWith(expr)).rejects.toThrow('Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4106');
  });

  test('nesting: depth 149 parses, and nesting past the fogbank limit fails fast with an error saying so', async () => {
    const nested = (depth: number) => `${'('.repeat(depth)}x = :v${' AND x = :v)'.repeat(depth)}`;
    const started = performance.now();
    expect((await scanWith(nested(10))).Count).toBe(1);
    expect((await scanWith(nested(149))).Count).toBe(1);
    await expect(scanWith(`${'('.repeat(4090)}x = :v`)).rejects.toThrow('fogbank does not support FilterExpression nested deeper than 1000 levels (AWS accepts at least 149)');
    expect(performance.now() - started).toBeLessThan(500);
  });

  test('any text up to 4 KB parses or fails with a ValidationException, quickly', async () => {
    const piece = fc.constantFrom('(', ')', 'x', ':v', '#n', ' AND ', ' OR ', 'NOT ', ' = ', ' < ', 'size(', 'begins_with(', ',', '.', '[0]', ' BETWEEN ', ' IN ', '_', '@');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 800 }), async (pieces) => {
        const expr = pieces.join('').slice(0, 4096);
        const started = performance.now();
        const outcome = await scanWith(expr || 'x = :v', { ':v': { N: '1' } }, expr.includes('#n') ? { '#n': 'x' } : undefined).then(
          () => 'ok',
          (e: unknown) => e,
        );
        expect(performance.now() - started).toBeLessThan(100);
        if (outcome !== 'ok') {
          expect(outcome).toBeInstanceOf(DynamoDBError);
          expect((outcome as DynamoDBError).name).toBe('ValidationException');
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the reserved word list has AWS’s 573 words', () => {
    expect(reservedWordCount()).toBe(573);
  });
});

describe('projection expressions', () => {
  test('nested paths and list indexes keep their structure, lists compacted in order', async () => {
    await db.putItem({
      TableName: 'things',
      Item: { id: { S: 'p' }, m: { M: { a: { N: '1' }, b: { N: '2' }, l: { L: [{ S: 'x' }, { S: 'y' }, { S: 'z' }] } } }, top: { S: 't' } },
    });
    const out = await db.getItem({ TableName: 'things', Key: { id: { S: 'p' } }, ProjectionExpression: 'm.l[2], top, m.a, m.l[0], nothing' });
    expect(out.Item).toEqual({ m: { M: { l: { L: [{ S: 'x' }, { S: 'z' }] }, a: { N: '1' } } }, top: { S: 't' } });
  });

  test('overlapping projection paths', async () => {
    await expect(db.getItem({ TableName: 'things', Key: { id: { S: 'a' } }, ProjectionExpression: 'm, m.a' })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[ValidationException: Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, a]]`,
    );
  });
});

describe('update expressions', () => {
  test('SET values are computed from the item before the update', async () => {
    const out = await db.updateItem({
      TableName: 'things',
      Key: { id: { S: 'a' } },
      UpdateExpression: 'SET x = x + :v, y = x',
      ExpressionAttributeValues: { ':v': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(out.Attributes).toEqual({ x: { N: '2' }, y: { N: '1' } });
  });

  test('REMOVE of several list indexes uses the original positions', async () => {
    await db.putItem({ TableName: 'things', Item: { id: { S: 'b' }, l: { L: [{ N: '0' }, { N: '1' }, { N: '2' }, { N: '3' }] } } });
    const out = await db.updateItem({ TableName: 'things', Key: { id: { S: 'b' } }, UpdateExpression: 'REMOVE l[1], l[2]', ReturnValues: 'ALL_NEW' });
    expect(out.Attributes?.l).toEqual({ L: [{ N: '0' }, { N: '3' }] });
  });

  test('ADD on numbers is exact decimal arithmetic', async () => {
    for (const n of ['0.1', '0.2']) await db.updateItem({ TableName: 'things', Key: { id: { S: 'c' } }, UpdateExpression: 'ADD n :n', ExpressionAttributeValues: { ':n': { N: n } } });
    expect((await db.getItem({ TableName: 'things', Key: { id: { S: 'c' } } })).Item?.n).toEqual({ N: '0.3' });
  });

  test('a section used twice', async () => {
    await expect(
      db.updateItem({ TableName: 'things', Key: { id: { S: 'a' } }, UpdateExpression: 'SET x = :v SET y = :v', ExpressionAttributeValues: { ':v': { N: '1' } } }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[ValidationException: Invalid UpdateExpression: The "SET" section can only be used once in an update expression;]`);
  });

  test('a nested SET under a missing map', async () => {
    await expect(
      db.updateItem({ TableName: 'things', Key: { id: { S: 'a' } }, UpdateExpression: 'SET nope.deeper = :v', ExpressionAttributeValues: { ':v': { N: '1' } } }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[ValidationException: The document path provided in the update expression is invalid for update]`);
  });

  test('DELETE that empties a set removes the attribute', async () => {
    await db.putItem({ TableName: 'things', Item: { id: { S: 'd' }, tags: { SS: ['a'] } } });
    const out = await db.updateItem({ TableName: 'things', Key: { id: { S: 'd' } }, UpdateExpression: 'DELETE tags :t', ExpressionAttributeValues: { ':t': { SS: ['a'] } }, ReturnValues: 'ALL_NEW' });
    expect(out.Attributes).toEqual({ id: { S: 'd' } });
  });

  test('a failed condition changes nothing', async () => {
    await expect(
      db.updateItem({ TableName: 'things', Key: { id: { S: 'a' } }, UpdateExpression: 'SET x = :two', ConditionExpression: 'x = :two', ExpressionAttributeValues: { ':two': { N: '2' } } }),
    ).rejects.toThrow('The conditional request failed');
    expect((await db.getItem({ TableName: 'things', Key: { id: { S: 'a' } } })).Item?.x).toEqual({ N: '1' });
  });
});
