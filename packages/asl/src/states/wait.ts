import { runtimeError } from '../errors.js';
import type { Json } from '../json.js';
import { parseTimestamp } from '../timestamp.js';
import { StatesError, StatesErrorName } from '../errors.js';
import { assignOf, bindings, type JsonataFields } from '../engine/jsonata-fields.js';
import type { JsonataBindings } from '../jsonata/index.js';
import { envFor, type Frame, type Visit } from '../engine/runtime.js';
import type { CompiledWait } from '../engine/types.js';

/** AWS refuses delays of 2^31 seconds or more. */
const MAX_WAIT_SECONDS = 2 ** 31;

/** Wait: sleeps on the execution's clock for `Seconds`, or until `Timestamp` (a past one returns at once). */
export async function runWait(frame: Frame, visit: Visit, state: CompiledWait, raw: Json): Promise<Json> {
  const env = envFor(frame, visit);
  if (state.jsonata !== null) return waitJsonata(frame, visit, state.jsonata, bindings(frame, env, raw));
  const effective = state.inputPath === null ? raw : state.inputPath(raw, env);
  const clock = frame.rt.clock;
  const delayMs = waitMs(state, effective, env, clock.now());
  if (delayMs > 0) await frame.cancellation.race(clock.timer(delayMs).fired);
  return state.outputPath === null ? effective : state.outputPath(effective, env);
}

function waitMs(state: CompiledWait, input: Json, env: ReturnType<typeof envFor>, now: number): number {
  let seconds: number | undefined;
  let until: number | undefined;
  if (state.seconds !== null) seconds = state.seconds;
  else if (state.timestamp !== null) until = parseTimestamp(state.timestamp);
  else if (state.secondsPath !== null) {
    const { text, select } = state.secondsPath;
    const value = select(input, env);
    if (value === undefined) throw runtimeError(`The SecondsPath parameter does not reference an input value: ${text}`);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw runtimeError(`The SecondsPath parameter cannot be parsed as a long value: ${text} == ${render(value)}`);
    }
    if (value < 0) throw runtimeError(`The SecondsPath parameter references a negative value: ${text} == ${value}`);
    seconds = value;
  } else if (state.timestampPath !== null) {
    const { text, select } = state.timestampPath;
    const value = select(input, env);
    if (value === undefined) throw runtimeError(`The TimestampPath parameter does not reference an input value: ${text}`);
    until = typeof value === 'string' ? parseTimestamp(value) : undefined;
    if (until === undefined) {
      throw runtimeError(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text} == ${render(value)}`,
      );
    }
  }
  if (seconds === undefined) seconds = until === undefined ? 0 : Math.max(0, (until - now) / 1000);
  if (seconds >= MAX_WAIT_SECONDS) throw runtimeError('Wait state delay is too long.');
  return Math.ceil(seconds * 1000);
}

function render(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function waitJsonata(frame: Frame, visit: Visit, fields: JsonataFields, b: JsonataBindings): Promise<Json> {
  const clock = frame.rt.clock;
  let seconds = 0;
  if (fields.seconds !== null) seconds = (await fields.seconds.evaluate(b, { expect: 'integer' })) as number;
  else if (fields.timestamp !== null) {
    const text = await fields.timestamp.evaluate(b, { expect: 'string' });
    const until = typeof text === 'string' ? parseTimestamp(text) : undefined;
    if (until === undefined) {
      throw new StatesError(
        StatesErrorName.QueryEvaluationError,
        `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${render(text)}`,
        true,
      );
    }
    seconds = Math.max(0, (until - clock.now()) / 1000);
  }
  if (seconds >= MAX_WAIT_SECONDS) throw runtimeError('Wait state delay is too long.');
  const assigned = await assignOf(fields.assign, b);
  const output = fields.output === null ? b.input : await fields.output.evaluate(b);
  if (seconds > 0) await frame.cancellation.race(clock.timer(Math.ceil(seconds * 1000)).fired);
  visit.assigned = assigned;
  return output;
}
