import type { Contender } from './contenders/index.mjs';
import type { Workload } from './workloads/index.mjs';
export interface Output {
  readonly contender: string;
  readonly output: unknown;
}
export declare function runOnce(workload: Workload, contenders: readonly Contender[], size: number): Promise<Output[]>;
export declare function mismatches(outputs: readonly Output[]): string[];
