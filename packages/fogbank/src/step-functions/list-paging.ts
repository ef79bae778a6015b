/**
 * Shared helpers of the List* operations and of the definition member: offset-token paging
 * (`maxResults` 0 or absent: 100, at most 1000) and JSON text.
 */
import { StepFunctionsError, validationError } from './errors.js';

/** The definition as the API carries it: JSON text (objects are serialised, for convenience). */
export function definitionText(definition: string | object): string {
  if (typeof definition === 'string') return definition;
  if (definition === null || typeof definition !== 'object') throw validationError('null', 'definition', 'Member must not be null');
  return JSON.stringify(definition);
}

/** Offset-token paging shared by the List* operations (`maxResults` 0 or absent: 100). */
export function paginate<T>(all: readonly T[], maxResults: number | undefined, nextToken: string | undefined): { page: T[]; nextToken: string | undefined } {
  const size = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
  if (!Number.isInteger(size) || size < 0 || size > 1000) {
    throw validationError(`'${size}'`, 'maxResults', 'Member must have value less than or equal to 1000');
  }
  let start = 0;
  if (nextToken !== undefined) {
    const offset = Number(Buffer.from(nextToken, 'base64').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new StepFunctionsError('InvalidToken', `Invalid Token: '${nextToken}'`);
    start = offset;
  }
  const page = all.slice(start, start + size);
  const next = start + size < all.length ? Buffer.from(String(start + size), 'utf8').toString('base64') : undefined;
  return { page, nextToken: next };
}

