/**
 * GetExecutionHistory's paging: `maxResults` (1-1000, default 100), `reverseOrder`, an opaque
 * `nextToken` bound to the execution, and `includeExecutionData: false`, which leaves the
 * payloads (`input`, `output` and their `*Details`) out of every event.
 */
import type { HistoryEvent } from '@fogbank/asl';
import { invalidToken, validationError } from './errors.js';

export interface HistoryPageRequest {
  executionArn: string;
  /** 1-1000. @default 100 */
  maxResults?: number;
  reverseOrder?: boolean;
  nextToken?: string;
  /** @default true */
  includeExecutionData?: boolean;
}

export interface HistoryPage {
  events: HistoryEvent[];
  nextToken?: string;
}

export const DEFAULT_HISTORY_PAGE = 100;
const MAX_PAGE = 1000;
const PAYLOAD_FIELDS = new Set(['input', 'output', 'inputDetails', 'outputDetails']);

/** One page of `events` (in id order) for the request. */
export function historyPage(all: readonly HistoryEvent[], request: HistoryPageRequest): HistoryPage {
  const size = request.maxResults === undefined || request.maxResults === 0 ? DEFAULT_HISTORY_PAGE : request.maxResults;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE) {
    throw validationError(`'${size}'`, 'maxResults', `Member must have value less than or equal to ${MAX_PAGE}`);
  }
  const ordered = request.reverseOrder === true ? [...all].reverse() : all;
  const start = request.nextToken === undefined ? 0 : readToken(request.nextToken, request.executionArn, request.reverseOrder === true);
  const slice = ordered.slice(start, start + size);
  const events = request.includeExecutionData === false ? slice.map(withoutData) : [...slice];
  const page: HistoryPage = { events };
  if (start + size < ordered.length) page.nextToken = writeToken(request.executionArn, request.reverseOrder === true, start + size);
  return page;
}

function withoutData(event: HistoryEvent): HistoryEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !PAYLOAD_FIELDS.has(field)));
    } else out[key] = value;
  }
  return out as unknown as HistoryEvent;
}

function writeToken(arn: string, reverse: boolean, offset: number): string {
  return Buffer.from(JSON.stringify([arn, reverse, offset]), 'utf8').toString('base64');
}

function readToken(token: string, arn: string, reverse: boolean): number {
  try {
    const [tokenArn, tokenReverse, offset] = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as [unknown, unknown, unknown];
    if (tokenArn === arn && tokenReverse === reverse && typeof offset === 'number') return offset;
  } catch {
    // fall through: AWS answers any token it did not issue for this request with InvalidToken
  }
  throw invalidToken('Invalid Token');
}
