/**
 * What SQS checks and digests in a message: the body's characters and size, the message
 * attributes' names, types and values, `MD5OfMessageBody` and `MD5OfMessageAttributes` (the
 * digest SQS documents: attributes sorted by name, each as length-prefixed name, data type,
 * transport byte and value).
 */
import { createHash } from 'node:crypto';
import { missingParameter, SqsError } from './errors.js';
import type { MessageAttributes, MessageAttributeValue } from './shapes.js';

const MAX_ATTRIBUTES = 10;
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/** The characters SQS accepts in a body or a string attribute (XML 1.0's Char production). */
// eslint-disable-next-line no-control-regex
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** MD5 hex of a text's UTF-8 bytes (`MD5OfMessageBody`, `MD5OfBody`). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The bytes of a binary attribute value given as bytes or base64 text. */
function binaryBytes(value: Uint8Array | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value);
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** `MD5OfMessageAttributes` as SQS computes it; undefined for no attributes. */
export function md5OfAttributes(attributes: MessageAttributes | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes![name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(value.DataType, 'utf8')));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      hash.update(lengthPrefixed(binaryBytes(value.BinaryValue)));
    } else {
      hash.update(Buffer.from([1]));
      hash.update(lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

/** The bytes a message counts against the queue's `MaximumMessageSize`: body plus every attribute's name, type and value. */
export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    size += value.BinaryValue !== undefined ? binaryBytes(value.BinaryValue).length : Buffer.byteLength(value.StringValue ?? '', 'utf8');
  }
  return size;
}

/** Checks a message as `SendMessage` does; throws AWS's error for the first problem. */
export function checkMessage(body: unknown, attributes: MessageAttributes | undefined, maximumSize: number): void {
  if (typeof body !== 'string' || body.length === 0) throw missingParameter('MessageBody');
  if (INVALID_CHARACTER.test(body)) throw invalidContents();
  checkAttributes(attributes);
  if (messageSize(body, attributes) > maximumSize) {
    throw new SqsError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${maximumSize} bytes.`);
  }
}

function invalidContents(): SqsError {
  return new SqsError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}

function checkAttributes(attributes: MessageAttributes | undefined): void {
  const entries = Object.entries(attributes ?? {});
  if (entries.length > MAX_ATTRIBUTES) {
    throw new SqsError('InvalidParameterValue', `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  }
  for (const [name, value] of entries) checkAttribute(name, value);
}

function checkAttribute(name: string, value: MessageAttributeValue): void {
  const reserved = /^(aws|amazon)\./i.test(name);
  if (!NAME.test(name) || reserved || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw new SqsError('InvalidParameterValue', `Message (user) attribute name '${name}' is invalid.`);
  }
  const type = value?.DataType;
  if (typeof type !== 'string' || type.length === 0) {
    throw new SqsError('InvalidParameterValue', `The message attribute '${name}' must contain non-empty message attribute type.`);
  }
  const base = type.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
    throw new SqsError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  }
  const present = base === 'Binary' ? value.BinaryValue !== undefined && binaryBytes(value.BinaryValue).length > 0 : typeof value.StringValue === 'string' && value.StringValue.length > 0;
  if (!present) {
    throw new SqsError('InvalidParameterValue', `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`);
  }
  if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.StringValue!)) {
    throw new SqsError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  if (base === 'String' && INVALID_CHARACTER.test(value.StringValue!)) throw invalidContents();
}

/** The attributes a receive asked for: `All`, `.*`, names, or `prefix.*`. */
export function selectAttributes(attributes: MessageAttributes | undefined, wanted: readonly string[] | undefined): MessageAttributes | undefined {
  if (attributes === undefined || wanted === undefined || wanted.length === 0) return undefined;
  const picked: MessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    const match = wanted.some((w) => w === 'All' || w === '.*' || w === name || (w.endsWith('.*') && name.startsWith(w.slice(0, -1))));
    if (match) picked[name] = value;
  }
  return Object.keys(picked).length === 0 ? undefined : picked;
}
