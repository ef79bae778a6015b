/**
 * @fogbank/asl: the Amazon States Language engine. Validate, compile once, run many executions,
 * with AWS's semantics, history events and error texts.
 */
export { StateMachine, Execution, resolveOptions, EXPRESS_MAX_DURATION_SECONDS } from './state-machine.js';
export type {
  StateMachineOptions,
  ResolvedStateMachineOptions,
  StateMachineType,
  StartOptions,
  ExecutionResult,
} from './state-machine.js';
export { validate } from './validate/index.js';
export { variableReferences } from './variable-references.js';
export type { VariableReferences } from './variable-references.js';
export { virtualClock, realClock } from './clock.js';
export type { Clock, Timer, VirtualClock, VirtualClockOptions } from './clock.js';
export type { Integration, Integrations, TaskContext } from './engine/integrations.js';
export { MAX_HISTORY_EVENTS } from './history.js';
export type { HistoryEvent, HistoryEventType, EventDetails } from './history.js';
export { MAX_PAYLOAD_BYTES } from './engine/limits.js';
export type { Json, JsonObject } from './json.js';
export { TaskError, InvalidDefinitionError, StatesErrorName } from './errors.js';
export type { Diagnostic } from './errors.js';
export { testState, TestStateError, type TestStateRequest, type TestStateOptions, type TestStateResult, type TestStateMock, type TestStateConfiguration, type InspectionData, type InspectionErrorDetails, type InspectionLevel, type FieldValidationMode, type TestStateErrorName } from './test-state/index.js';
