/**
 * The recorded AWS Step Functions corpus (`../shared/conformance/sfn`, next to the repository):
 * where it is, which execution cases the suite runs, and the shape of one case file.
 * The corpus is read in place, never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The repository root (this file is packages/asl/test/conformance/corpus.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Where the corpus lives: `<repo root>/../shared/conformance/sfn`. */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/conformance/sfn');

export interface IndexEntry {
  readonly id: string;
  readonly file: string;
  readonly category: string;
  readonly kind: string;
  readonly needs: readonly string[];
  readonly status: string;
  readonly queryLanguage: string;
}

export interface LambdaDetail {
  readonly functionName: string;
  readonly functionArn: string;
  readonly handlerSource: string;
  readonly runtime: string;
  readonly behaviour: string;
}

export interface Mask {
  readonly value: string;
  readonly placeholder: string;
}

export interface SnapshotTransformer {
  readonly transformer: string;
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
}

/** What AWS produced, masked by LocalStack's snapshot library (see the corpus README). */
export interface ExpectedExecution {
  readonly status: string;
  readonly output?: Json;
  readonly error?: Json;
  readonly cause?: Json;
  readonly events?: readonly Json[];
  readonly source: string;
}

export interface ExecutionCase {
  readonly id: string;
  readonly category: string;
  readonly kind: 'execution';
  readonly stateMachineType: 'STANDARD' | 'EXPRESS';
  readonly queryLanguage: string;
  readonly definition: Json;
  readonly input: Json;
  readonly needs: readonly string[];
  readonly needsDetails?: { readonly lambda?: readonly LambdaDetail[] };
  readonly expected: ExpectedExecution;
  readonly stateMachineName: string;
  readonly executionName: string;
  /** `StartSyncExecution` when the recording started the execution synchronously. */
  readonly startMode?: string;
  readonly masks?: readonly Mask[];
  readonly snapshotTransformers?: readonly SnapshotTransformer[];
  readonly notes?: readonly string[];
}

/** Whether the corpus is present next to the repository. */
export function corpusAvailable(dir = CORPUS_DIR): boolean {
  return existsSync(path.join(dir, 'index.json'));
}

export function readIndex(dir = CORPUS_DIR): readonly IndexEntry[] {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { cases: IndexEntry[] };
  return index.cases;
}

/**
 * The selection: every `execution` case whose top-level query language is JSONPath and
 * which needs nothing, or only Lambda (the suite supplies the Lambda behaviours).
 */
export function isSelected(entry: IndexEntry): boolean {
  return (
    entry.kind === 'execution' &&
    entry.queryLanguage === 'JSONPath' &&
    entry.needs.every((need) => need === 'lambda')
  );
}

export function loadCase(entry: IndexEntry, dir = CORPUS_DIR): ExecutionCase {
  return JSON.parse(readFileSync(path.join(dir, entry.file), 'utf8')) as ExecutionCase;
}

/** The selected execution cases, in index order. */
export function selectedCases(dir = CORPUS_DIR): ExecutionCase[] {
  return readIndex(dir).filter(isSelected).map((entry) => loadCase(entry, dir));
}
