/**
 * `stateConfiguration.mapItemReaderData`: what a distributed Map's ItemReader read "as found in
 * its original source", turned into the Map's items the way the reader's `ReaderConfig` says
 * (`JSON`, `JSONL`, `CSV` with a first-row or given header; `MaxItems`).
 */
import { isJsonObject, type Json, type JsonObject } from '../json.js';
import { validationError } from './errors.js';

/** The items a Map reads from `data`, or `undefined` when no data was given. */
export function readerItems(map: JsonObject, data: string | undefined): Json | undefined {
  if (data === undefined) return undefined;
  const reader = isJsonObject(map['ItemReader']) ? map['ItemReader'] : {};
  const config = isJsonObject(reader['ReaderConfig']) ? reader['ReaderConfig'] : {};
  const type = typeof config['InputType'] === 'string' ? config['InputType'] : 'JSON';
  let items: Json;
  if (type === 'CSV') items = csvItems(data, config);
  else if (type === 'JSONL') items = data.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => parse(line));
  else items = parse(data);
  const max = config['MaxItems'];
  return Array.isArray(items) && typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
}

function parse(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw validationError('Map item reader data must be valid JSON.');
  }
}

/** CSV rows as objects keyed by the header (the first row, or `CSVHeaders`); values stay text. */
function csvItems(data: string, config: JsonObject): Json[] {
  const rows = csvRows(data);
  const given = config['CSVHeaderLocation'] === 'GIVEN' && Array.isArray(config['CSVHeaders']);
  const header = given ? (config['CSVHeaders'] as Json[]).map(String) : (rows.shift() ?? []);
  return rows.map((row) => {
    const item: JsonObject = {};
    header.forEach((name, i) => (item[name] = row[i] ?? ''));
    return item;
  });
}

/** RFC 4180 rows: commas, double-quoted fields with `""` escapes, CRLF or LF line ends. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
