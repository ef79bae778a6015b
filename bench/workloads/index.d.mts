// Types of the bench modules for TypeScript importers (the bench itself is plain ESM).
export interface DriveOptions {
  /** How many units (iterations, items) fit in one execution; set for Standard's 25,000-event cap. */
  readonly unitsPerExecution?: number;
}
export type Execute = (input: unknown) => Promise<unknown>;
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
}
export declare const workloads: readonly Workload[];
