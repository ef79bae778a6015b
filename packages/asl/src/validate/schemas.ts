import type { StateType } from './fields.js';

/**
 * The JSON Schemas (checked with ajv) of the parts of a definition: the top level, the nested
 * machines of Parallel branches and Map processors, and each state type. They say which fields
 * exist and their JSON types and ranges; rules that span fields (exclusive pairs, Next vs End,
 * States.ALL, Choice rules, paths, resources) live in code, where AWS's wording is easier to
 * give. Fields of the other query language and JSONata `{% %}` values are removed from a
 * state before its schema sees it, so the schemas describe the JSONPath literal forms.
 */

type Schema = Record<string, unknown>;

const any: Schema = {};
const string: Schema = { type: 'string' };
const stringOrNull: Schema = { type: ['string', 'null'] };
const object: Schema = { type: 'object' };
const boolean: Schema = { type: 'boolean' };
const integer = (minimum: number): Schema => ({ type: 'integer', minimum });
const strings: Schema = { type: 'array', items: string };

function closed(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const QUERY_LANGUAGE: Schema = { type: 'string', enum: ['JSONPath', 'JSONata'] };

export const TOP_LEVEL: Schema = closed(
  {
    Comment: string,
    QueryLanguage: QUERY_LANGUAGE,
    StartAt: string,
    States: { type: 'object', minProperties: 1 },
    TimeoutSeconds: integer(0),
    Version: { type: 'string', enum: ['1.0'] },
  },
  ['States', 'StartAt'],
);

/** A Parallel branch. */
export const BRANCH: Schema = closed({ Comment: string, StartAt: string, States: { type: 'object', minProperties: 1 } }, ['States', 'StartAt']);

/** A Map `ItemProcessor` (or the older `Iterator`). */
export const PROCESSOR: Schema = closed(
  {
    Comment: string,
    StartAt: string,
    States: { type: 'object', minProperties: 1 },
    ProcessorConfig: closed({
      Mode: { type: 'string', enum: ['INLINE', 'DISTRIBUTED'] },
      ExecutionType: { type: 'string', enum: ['STANDARD', 'EXPRESS'] },
    }),
  },
  ['States', 'StartAt'],
);

const retrier = closed(
  {
    ErrorEquals: { type: 'array', minItems: 1, items: string },
    IntervalSeconds: integer(1),
    MaxAttempts: integer(0),
    BackoffRate: { type: 'number', minimum: 1 },
    MaxDelaySeconds: integer(1),
    JitterStrategy: { type: 'string', enum: ['FULL', 'NONE'] },
    Comment: string,
  },
  ['ErrorEquals'],
);

const catcher = closed(
  {
    ErrorEquals: { type: 'array', minItems: 1, items: string },
    Next: string,
    ResultPath: stringOrNull,
    Output: any,
    Assign: object,
    Comment: string,
  },
  ['ErrorEquals', 'Next'],
);

const common: Record<string, Schema> = {
  Type: string,
  Comment: string,
  QueryLanguage: QUERY_LANGUAGE,
  InputPath: stringOrNull,
  OutputPath: stringOrNull,
  Output: any,
  Assign: object,
  Next: string,
  End: boolean,
};

const errorHandling: Record<string, Schema> = {
  Retry: { type: 'array', items: retrier },
  Catch: { type: 'array', items: catcher },
  ResultPath: stringOrNull,
  ResultSelector: object,
};

const itemReader = closed(
  {
    Resource: string,
    ReaderConfig: {
      type: 'object',
      properties: {
        InputType: { type: 'string', enum: ['JSON', 'JSONL', 'CSV', 'MANIFEST', 'PARQUET'] },
        CSVHeaderLocation: { type: 'string', enum: ['FIRST_ROW', 'GIVEN'] },
        CSVHeaders: strings,
        MaxItems: integer(0),
        MaxItemsPath: string,
      },
    },
    Parameters: any,
    Arguments: any,
  },
  ['Resource'],
);

const itemBatcher = closed({
  MaxItemsPerBatch: integer(0),
  MaxItemsPerBatchPath: string,
  MaxInputBytesPerBatch: integer(0),
  MaxInputBytesPerBatchPath: string,
  BatchInput: any,
});

const resultWriter = closed({
  Resource: string,
  Parameters: { type: 'object', properties: { Bucket: string, Prefix: string } },
  Arguments: any,
  WriterConfig: closed(
    {
      Transformation: { type: 'string', enum: ['NONE', 'COMPACT', 'FLATTEN'] },
      OutputType: { type: 'string', enum: ['JSON', 'JSONL'] },
    },
    ['Transformation', 'OutputType'],
  ),
});

/** Each state type's schema. `Fields` (fields.ts) is the authority on which names exist. */
export const STATE_SCHEMAS: Readonly<Record<StateType, Schema>> = {
  Pass: closed({ ...common, Result: any, ResultPath: stringOrNull, Parameters: any }),
  Task: closed(
    {
      ...common,
      ...errorHandling,
      Resource: string,
      Parameters: any,
      Arguments: any,
      Credentials: object,
      TimeoutSeconds: integer(1),
      TimeoutSecondsPath: string,
      HeartbeatSeconds: integer(1),
      HeartbeatSecondsPath: string,
    },
    ['Resource'],
  ),
  Wait: closed({
    ...common,
    Seconds: integer(0),
    Timestamp: { type: 'string', format: 'rfc3339' },
    SecondsPath: string,
    TimestampPath: string,
  }),
  Choice: closed({
    Type: string,
    Comment: string,
    QueryLanguage: QUERY_LANGUAGE,
    InputPath: stringOrNull,
    OutputPath: stringOrNull,
    Output: any,
    Assign: object,
    Choices: { type: 'array', minItems: 1, items: object },
    Default: string,
  }, ['Choices']),
  Parallel: closed(
    { ...common, ...errorHandling, Parameters: any, Arguments: any, Branches: { type: 'array', minItems: 1, items: object } },
    ['Branches'],
  ),
  Map: closed({
    ...common,
    ...errorHandling,
    Parameters: object,
    ItemProcessor: object,
    Iterator: object,
    ItemsPath: stringOrNull,
    Items: { type: 'array' },
    ItemSelector: object,
    ItemReader: itemReader,
    ItemBatcher: itemBatcher,
    ResultWriter: resultWriter,
    MaxConcurrency: integer(0),
    MaxConcurrencyPath: string,
    ToleratedFailurePercentage: { type: 'number', minimum: 0, maximum: 100 },
    ToleratedFailurePercentagePath: string,
    ToleratedFailureCount: integer(0),
    ToleratedFailureCountPath: string,
    Label: string,
  }),
  Succeed: closed({ Type: string, Comment: string, QueryLanguage: QUERY_LANGUAGE, InputPath: stringOrNull, OutputPath: stringOrNull, Output: any }),
  Fail: closed({ Type: string, Comment: string, QueryLanguage: QUERY_LANGUAGE, Error: string, Cause: string, ErrorPath: string, CausePath: string }),
};

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * Whether `text` is an RFC 3339 date-time as AWS requires for a static Wait `Timestamp`: `T`
 * between date and time and an explicit offset (`Z` or `±hh:mm`); the recorded rejections are
 * month 13, hour 25, a space for `T`, no offset and a day-first date.
 */
export function isRfc3339(text: string): boolean {
  const m = RFC3339.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}
