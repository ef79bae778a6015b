// Types of the bench modules for TypeScript importers (the bench itself is plain ESM).
export interface DriveOptions {
  /** How many units (iterations, items) fit in one execution; set for Standard's 25,000-event cap. */
  readonly unitsPerExecution?: number;
}
/** Runs one execution and returns its output, or a promise of it. */
export type Execute = (input: unknown) => unknown;
export interface Workload {
  readonly name: string;
  readonly title: string;
  readonly sizes: { readonly full: number; readonly quick: number; readonly test: number };
  readonly unit: string;
  readonly eventsPerUnit: number;
  definition(size: number): object;
  transitions(size: number): number;
  drive(execute: Execute, size: number, options?: DriveOptions): Promise<unknown>;
  handWritten(size: number): Execute;
  /** The same decisions and writes as synchronous JavaScript: in place, or every state's output a copy. */
  floor(size: number, options: { readonly copies: boolean }): Execute;
}
export declare const workloads: readonly Workload[];
