/**
 * TagResource, UntagResource and ListTagsOfResource on table ARNs. A tag needs both a key and a
 * value (the npm peer crashes on a tag without a value; AWS reports a constraint error).
 */
import { notFound, validation } from './errors.js';
import type { StoreState } from './state.js';
import type { Table } from './table.js';
import { Constraints } from './validate.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** Checks a Tags list the way AWS's constraints do. */
export function checkTags(tags: unknown, member = 'tags'): Tag[] {
  const c = new Constraints().required(tags, member);
  const list = Array.isArray(tags) ? (tags as Partial<Tag>[]) : [];
  list.forEach((t, i) => {
    c.required(t?.Key, `${member}.${i + 1}.member.key`).required(t?.Value, `${member}.${i + 1}.member.value`);
    c.length(t?.Key, `${member}.${i + 1}.member.key`, 1, 128).length(t?.Value, `${member}.${i + 1}.member.value`, 0, 256);
  });
  c.check();
  return list as Tag[];
}

function tableByArn(state: StoreState, arn: unknown): Table {
  new Constraints().required(arn, 'resourceArn').length(arn, 'resourceArn', 1, 1283).check();
  const match = /^arn:aws:dynamodb:([^:]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/.exec(String(arn));
  if (!match) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${String(arn)}`);
  const table = state.tables.get(match[3] as string);
  if (table === undefined || table.arn !== arn) throw notFound(`Requested resource not found: ResourcArn: ${String(arn)} not found`);
  return table;
}

/** TagResource. */
export function tagResource(state: StoreState, input: { ResourceArn: string; Tags: Tag[] }): Record<string, never> {
  const table = tableByArn(state, input.ResourceArn);
  for (const t of checkTags(input.Tags)) table.tags.set(t.Key, t.Value);
  return {};
}

/** UntagResource. */
export function untagResource(state: StoreState, input: { ResourceArn: string; TagKeys: string[] }): Record<string, never> {
  new Constraints().required(input.TagKeys, 'tagKeys').check();
  const table = tableByArn(state, input.ResourceArn);
  for (const k of input.TagKeys) table.tags.delete(k);
  return {};
}

/** ListTagsOfResource. */
export function listTagsOfResource(state: StoreState, input: { ResourceArn: string; NextToken?: string }): { Tags: Tag[] } {
  const table = tableByArn(state, input.ResourceArn);
  return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
}
