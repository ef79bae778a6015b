/**
 * fast-check arbitraries for the Amazon States Language, for property tests of your own
 * workflows and of ASL semantics: valid definitions by state type and feature, execution
 * inputs, JSONPath paths into a document, payload templates with the payload they build, and
 * scripted Task integrations. Import from `@fogbank/asl/arbitraries`.
 *
 * @example
 * import fc from 'fast-check';
 * import { StateMachine, virtualClock } from '@fogbank/asl';
 * import { definition, executionInput, integrations, integrationScript } from '@fogbank/asl/arbitraries';
 *
 * await fc.assert(fc.asyncProperty(definition(), integrationScript(), executionInput(), async (def, script, input) => {
 *   const machine = StateMachine.from(def, { clock: virtualClock(), integrations: integrations(script) });
 *   const result = await machine.start(input).result;
 *   return result.status === 'SUCCEEDED' || typeof result.error === 'string';
 * }));
 *
 * @packageDocumentation
 */
export { jsonValue, jsonObject, jsonKey, executionInput, type JsonValueOptions } from './json.js';
export {
  definitePath,
  referencePath,
  resultPath,
  type PathInto,
  type DefinitePathOptions,
  type ReferencePathOptions,
} from './paths.js';
export { payloadTemplate, payloadTemplateFor, type TemplateFor, type PayloadTemplateOptions } from './templates.js';
export { choiceRule, type ChoiceRuleOptions } from './choice-rules.js';
export {
  passFields,
  waitFields,
  succeedFields,
  failFields,
  taskFields,
  parallelFields,
  mapFields,
  retriers,
  catchers,
  type StateFieldOptions,
} from './states.js';
export { definition, STATE_TYPES, type DefinitionOptions, type StateType } from './definition.js';
export {
  jsonataCondition,
  jsonataPassFields,
  jsonataWaitFields,
  jsonataSucceedFields,
  jsonataFailFields,
  jsonataTaskFields,
  jsonataParallelFields,
  jsonataMapFields,
} from './jsonata.js';
export {
  behaviour,
  integrationScript,
  integrations,
  type Behaviour,
  type BehaviourOptions,
  type IntegrationScript,
} from './integrations.js';
export { INPUT_PATHS, TASK_RESOURCES, ERROR_NAMES, intrinsicCall } from './vocabulary.js';
