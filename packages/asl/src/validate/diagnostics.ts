import type { Diagnostic } from '../errors.js';

/**
 * Locations as AWS writes them: a slash-separated path of field names from the root `/`, with
 * array indexes in brackets on the field they index (`/States/C/Choices[0]/Next`,
 * `/States/P/Branches[1]/States/A`). Names are not escaped: AWS prints `/States/a/b` for a
 * state named `a/b`. A diagnostic AWS reports without a location (`MISSING_END_STATE`, parse
 * errors) carries {@link NO_LOCATION}.
 */
export const ROOT = '/';

/** The location of a diagnostic AWS reports with `location` absent (printed `at null`). */
export const NO_LOCATION = '';

/** The location of field `name` inside the object at `location`. */
export function field(location: string, name: string): string {
  return location === ROOT ? `/${name}` : `${location}/${name}`;
}

/** The location of element `index` of the array at `location`. */
export function item(location: string, index: number): string {
  return `${location}[${index}]`;
}

export const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
export const MISSING_TRANSITION_TARGET = 'MISSING_TRANSITION_TARGET';
export const MISSING_END_STATE = 'MISSING_END_STATE';
export const DUPLICATE_STATE_NAME = 'DUPLICATE_STATE_NAME';
export const INVALID_STATE_NAME = 'INVALID_STATE_NAME';
export const DUPLICATE_LABEL_NAME = 'DUPLICATE_LABEL_NAME';
export const INVALID_LABEL_NAME = 'INVALID_LABEL_NAME';
export const INVALID_JSON_DESCRIPTION = 'INVALID_JSON_DESCRIPTION';

/** Collects diagnostics in the order they are found. */
export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(code: string, message: string, location: string): void {
    this.list.push({ severity: 'ERROR', code, message, location });
  }

  /** A `SCHEMA_VALIDATION_FAILED` error, the code of every structural problem. */
  schema(message: string, location: string): void {
    this.error(SCHEMA, message, location);
  }

  /** AWS's message for two fields of which at most one may be given. */
  exclusive(fields: readonly string[], location: string): void {
    this.schema(`There should only be one of the following fields: [${fields.join(', ')}]`, location);
  }

  /** AWS's message for a set of fields of which exactly one must be given, when none is. */
  oneRequired(fields: readonly string[], location: string): void {
    this.schema(`This object should have only one of the following fields: [${fields.join(', ')}]`, location);
  }

  get count(): number {
    return this.list.length;
  }
}
