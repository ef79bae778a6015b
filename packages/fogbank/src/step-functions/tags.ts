/**
 * Resource tags of state machines and activities (TagResource, UntagResource,
 * ListTagsForResource): at most 50 per resource, keys 1-128 and values 0-256 characters.
 */
import { StepFunctionsError } from './errors.js';

export interface Tag {
  key: string;
  value: string;
}

const MAX_TAGS = 50;

export class TagStore {
  readonly #byArn = new Map<string, Map<string, string>>();

  add(arn: string, tags: readonly Tag[] = []): void {
    const current = new Map(this.#byArn.get(arn));
    for (const tag of tags) {
      if (typeof tag.key !== 'string' || tag.key.length < 1 || tag.key.length > 128 || typeof tag.value !== 'string' || tag.value.length > 256) {
        throw new StepFunctionsError('ValidationException', `Invalid tag: key must be 1-128 characters and value at most 256 (got '${String(tag.key)}')`);
      }
      current.set(tag.key, tag.value);
    }
    if (current.size > MAX_TAGS) throw new StepFunctionsError('TooManyTags', `Too many tags: '${arn}' would have ${current.size}, the limit is ${MAX_TAGS}`);
    this.#byArn.set(arn, current);
  }

  remove(arn: string, keys: readonly string[]): void {
    const current = this.#byArn.get(arn);
    for (const key of keys) current?.delete(key);
  }

  list(arn: string): Tag[] {
    return [...(this.#byArn.get(arn) ?? [])].map(([key, value]) => ({ key, value }));
  }

  forget(arn: string): void {
    this.#byArn.delete(arn);
  }
}
