import { compileIntrinsic, isIntrinsicCall } from '../intrinsics/index.js';
import type { Json } from '../json.js';
import { compilePath } from '../path/index.js';
import { type Diagnostics, field, item } from './diagnostics.js';

/**
 * Static checks of the JSONPath-language strings of a definition: `InputPath`/`OutputPath`
 * (any path), `ResultPath` (a reference path into the input), the `*Path` fields (a reference
 * path, or for `ErrorPath`/`CausePath` also an intrinsic call), and every `key.$` of a payload
 * template (a path or an intrinsic call, at any depth). A bad `.$` value is reported at the
 * object holding the key, as recorded:
 * `The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/IntrinsicEscape/Parameters`.
 */

export type PathKind =
  /** Any path: `$`, `$$` (context object) or `$name` (variable) roots, indefinite allowed. */
  | 'path'
  /** A definite path of names and indexes into the state input (`ResultPath`). */
  | 'reference'
  /** A definite path of names and indexes, any root (`ItemsPath`, `SecondsPath`, ...). */
  | 'selector'
  /** A `selector` or an intrinsic function call (`ErrorPath`, `CausePath`). */
  | 'selector-or-intrinsic';

function validPath(text: string, kind: PathKind): boolean {
  try {
    const path = compilePath(text);
    if (kind === 'path') return true;
    if (!path.reference) return false;
    return kind !== 'reference' || /^\$(?![$\p{L}\p{N}_])/u.test(text.trim());
  } catch {
    return false;
  }
}

function validIntrinsic(text: string): boolean {
  try {
    compileIntrinsic(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether `text` is a path or an intrinsic call, as a `key.$` value must be. */
export function isDynamicValue(text: string): boolean {
  return isIntrinsicCall(text) ? validIntrinsic(text) : validPath(text, 'path');
}

/**
 * Checks the path field `name` of the object at `location`; `null` means "no path" and passes.
 * The diagnostic is located at the field itself (AWS-measured for `MaxConcurrencyPath`).
 */
export function checkPathField(value: Json | undefined, name: string, kind: PathKind, location: string, out: Diagnostics): void {
  if (value === undefined || value === null || typeof value !== 'string') return;
  if (kind === 'selector-or-intrinsic' && isIntrinsicCall(value)) {
    if (!validIntrinsic(value)) {
      out.schema(`The value for the field '${name}' must be a valid JSONPath or a valid intrinsic function call`, field(location, name));
    }
    return;
  }
  if (validPath(value, kind)) return;
  const what =
    kind === 'reference' ? 'a valid ReferencePath' : kind === 'selector-or-intrinsic' ? 'a valid JSONPath or a valid intrinsic function call' : 'a valid JSONPath';
  out.schema(`The value for the field '${name}' must be ${what}`, field(location, name));
}

/**
 * Checks every `key.$` inside the payload template `template` (found at `location`): its value
 * must be a string holding a path or an intrinsic call.
 */
export function checkTemplate(template: Json | undefined, location: string, out: Diagnostics): void {
  if (Array.isArray(template)) {
    template.forEach((value, index) => checkTemplate(value, item(location, index), out));
    return;
  }
  if (template === null || typeof template !== 'object') return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string' || !isDynamicValue(value)) {
        out.schema(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`, location);
      }
    } else {
      checkTemplate(value, field(location, key), out);
    }
  }
}
