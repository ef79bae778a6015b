/**
 * The `fogbank` CLI's programmatic API: each command is a function returning data; `runCli`
 * parses arguments and prints. `fogbank/src/index.ts` may re-export these.
 */
export { runCli } from './cli.js';
export { processIo, type CliIo } from './io.js';
export { EXIT, exitCodeOf, combinedExitCode, type ExitCode } from './exit-codes.js';
export { CliError, type CliErrorCode } from './errors.js';
export { loadConfig, resolveConfig, DEFAULT_CONFIG_FILES, type FogbankConfig, type ResolvedConfig, type ConfigStateMachine } from './config.js';
export { runDefinition, describeRun, type RunOptions, type RunReport, type ExecutionRun } from './run.js';
export { validateFile, type ValidateReport } from './validate.js';
export { formatTimeline, type TimelineInput } from './timeline.js';
export { invokeHandler, parseEnvironment, type InvokeOptions, type Invocation } from './invoke.js';
export { startConfiguredCloud, type ConfiguredCloudOptions } from './cloud-config.js';
export { graphDefinition, graphOf, marksOf, toMermaid, toSvg, toHtml, type GraphOptions, type GraphFormat, type GraphMachine, type ExecutionMarks } from './graph/index.js';
export { costOf, countTransitions, formatCost, US_EAST_1_PRICES, type CostOptions, type CostEstimate, type Prices } from './cost.js';
export { serveConfig, type ServeOptions, type ServeSummary } from './serve/index.js';
