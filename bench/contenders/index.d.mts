import type { DriveOptions, Execute, Workload } from '../workloads/index.mjs';
export interface Contender {
  readonly name: string;
  prepare(workload: Workload, size: number): Promise<{ execute: Execute; options?: DriveOptions }>;
}
/** The first is the reference whose output the others must equal. */
export declare const contenders: readonly Contender[];
