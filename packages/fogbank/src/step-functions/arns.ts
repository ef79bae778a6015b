/**
 * Step Functions names and ARNs, as AWS spells and checks them
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html#StepFunctions-CreateStateMachine-request-name).
 */
import { invalidArn, invalidName } from './errors.js';

export type ArnResource = 'stateMachine' | 'execution' | 'express' | 'activity';

export interface ParsedArn {
  readonly region: string;
  readonly accountId: string;
  readonly resource: ArnResource;
  /** The parts after the resource type: `[name]`, `[machine, name]` or `[machine, name, id]`. */
  readonly parts: readonly string[];
}

// Whitespace, brackets, wildcards, special characters and control characters are not allowed.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Checks a state machine, execution or activity name (1-80 characters, none of the forbidden ones). */
export function checkName(name: string): void {
  if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name)) throw invalidName(name);
}

const RESOURCE_TYPES: ReadonlySet<string> = new Set(['stateMachine', 'execution', 'express', 'activity']);

/**
 * Parses an ARN and checks its resource type against what the operation accepts. AWS answers
 * `InvalidArn` for a malformed ARN and for one of the wrong type
 * ("Resource type not valid in this context: express").
 */
export function parseArn(arn: string, accepted: readonly ArnResource[]): ParsedArn {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw invalidArn(`Invalid ARN prefix: ${String(arn)}`);
  const fields = arn.split(':');
  if (fields.length < 7 || fields[2] !== 'states') throw invalidArn(arn);
  const resource = fields[5]!;
  if (!RESOURCE_TYPES.has(resource)) throw invalidArn(`Resource type not valid in this context: ${resource}`);
  if (!accepted.includes(resource as ArnResource)) throw invalidArn(`Resource type not valid in this context: ${resource}`);
  return { region: fields[3]!, accountId: fields[4]!, resource: resource as ArnResource, parts: fields.slice(6) };
}

/** The ARN builders of one region and account. */
export class Arns {
  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  stateMachine(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  activity(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:activity:${name}`;
  }

  execution(machine: string, name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:execution:${machine}:${name}`;
  }
}
