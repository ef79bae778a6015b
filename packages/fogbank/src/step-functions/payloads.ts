/**
 * Execution input and task output as the API receives them: JSON text (the SDK's shape), checked
 * the way Step Functions checks it, with its Jackson-worded messages.
 */
import type { Json } from '@fogbank/asl';
import { MAX_PAYLOAD_BYTES } from '@fogbank/asl';
import { StepFunctionsError } from './errors.js';

/**
 * The SDK sends JSON text. For convenience fogbank also takes any other JSON value and serialises
 * it; a JavaScript string is always read as JSON text, as on the wire.
 */
export type JsonText = string | Json | undefined;

/** The execution input: parsed, or `InvalidExecutionInput` with AWS's message. */
export function parseExecutionInput(input: JsonText): { value: Json; text: string } {
  return parsePayload(input, 'InvalidExecutionInput', 'Invalid State Machine Execution Input', 'Invalid execution input.');
}

/** SendTaskSuccess's output: parsed, or `InvalidOutput`. */
export function parseTaskOutput(output: JsonText): { value: Json; text: string } {
  return parsePayload(output, 'InvalidOutput', 'Invalid State Machine Output', 'Invalid output.');
}

function parsePayload(
  payload: JsonText,
  code: 'InvalidExecutionInput' | 'InvalidOutput',
  prefix: string,
  empty: string,
): { value: Json; text: string } {
  if (payload === undefined || payload === null) return code === 'InvalidOutput' ? fail(code, prefix, empty) : { value: {}, text: '{}' };
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  if (text.trim() === '') return fail(code, prefix, empty);
  if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) {
    return fail(code, prefix, `Input size exceeds the maximum of ${MAX_PAYLOAD_BYTES} bytes.`);
  }
  try {
    return { value: JSON.parse(text) as Json, text };
  } catch {
    return fail(code, prefix, jacksonMessage(text));
  }
}

function fail(code: 'InvalidExecutionInput' | 'InvalidOutput', prefix: string, detail: string): never {
  throw new StepFunctionsError(code, `${prefix}: '${detail}'`);
}

/**
 * The parser message AWS relays for the common mistakes (recorded: sfn_api invalid-input cases):
 * an unquoted field name and a bare word.
 */
function jacksonMessage(text: string): string {
  const trimmed = text.trimStart();
  const field = /^\{\s*([^"\s}])/.exec(trimmed);
  if (field !== null) {
    const ch = field[1]!;
    return `Unexpected character ('${ch}' (code ${ch.codePointAt(0)})): was expecting double-quote to start field name`;
  }
  const word = /^([A-Za-z_][\w]*)/.exec(trimmed);
  if (word !== null) {
    return `Unrecognized token '${word[1]}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
  }
  return 'Invalid JSON';
}
