// Role tags: keys are unique regardless of case (AWS refuses `a` and `A` in one request), a tag
// with a known key replaces its value, and untagging removes exactly the keys named.
import type { Tag } from '../../../aws/generated/iam.js';

export const DUPLICATE_ROLE_TAG_KEYS = 'Duplicate tag keys found. Please note that Tag keys are case insensitive.';

export function hasDuplicateKeys(tags: Tag[]): boolean {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** `current` with `added` applied: known keys (any case) take the new value in place, new keys go last. */
export function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  const out = current.map((t) => ({ ...t }));
  for (const tag of added) {
    const existing = out.find((t) => t.Key.toLowerCase() === tag.Key.toLowerCase());
    if (existing) existing.Value = tag.Value;
    else out.push({ Key: tag.Key, Value: tag.Value });
  }
  return out;
}

export function removeTags(current: Tag[], keys: string[]): Tag[] {
  const drop = new Set(keys.map((k) => k.toLowerCase()));
  return current.filter((t) => !drop.has(t.Key.toLowerCase()));
}
