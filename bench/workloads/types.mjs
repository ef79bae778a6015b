// Shapes shared by the workloads and contenders (JSDoc only; the bench runs as plain ESM).

/**
 * @typedef {(input: unknown) => unknown} Execute
 *   Runs one execution of a workload's state machine and returns its output or a promise of it
 *   (throws on failure).
 *
 * @typedef {object} DriveOptions
 * @property {number} [unitsPerExecution] How many units (iterations, items) fit in one execution;
 *   set for Standard, whose history is capped at 25,000 events.
 *
 * @typedef {object} Workload
 * @property {string} name        Scenario id (`--only` takes it).
 * @property {string} title
 * @property {{ full: number, quick: number, test: number }} sizes
 * @property {string} unit        What the size counts.
 * @property {(size: number) => object} definition   The ASL definition.
 * @property {(size: number) => object} jsonataDefinition   The same workflow in the JSONata query language.
 * @property {(size: number) => number} transitions  State transitions one drive makes.
 * @property {number} eventsPerUnit  Standard history events per unit (0: no chunking needed).
 * @property {(execute: Execute, size: number, options?: DriveOptions) => Promise<unknown>} drive
 *   Runs the workload's executions through `execute` and returns the combined output.
 * @property {(size: number) => Execute} handWritten  The same workflow as plain async JavaScript.
 * @property {(size: number, options: { copies: boolean }) => Execute} floor  The same decisions
 *   and writes as synchronous JavaScript: results written in place, or with `copies` every state's
 *   output a value of its own.
 *
 * @typedef {object} Contender
 * @property {string} name
 * @property {(workload: Workload, size: number) => Promise<{ execute: Execute, options?: DriveOptions }>} prepare
 *   Compiles the workload once (not timed) and returns how to run one execution.
 */

export {};
