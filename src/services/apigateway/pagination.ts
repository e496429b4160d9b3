// `position`/`limit` paging as API Gateway's Get* list operations do it: 25 items by default,
// at most 500, and an opaque `position` to pass back for the next page (absent on the last).
import { badRequest } from './errors.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  position?: string;
}

/**
 * One page of `items` (already in their listing order). The position token is the key of the
 * first item of the next page, base64url-encoded so that callers treat it as opaque.
 * The error texts for a bad limit or position are Kanaria's (no AWS source found).
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, position?: string, limit?: number): Page<T> {
  const size = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) {
    throw badRequest(`Invalid limit: ${size}. The limit must be between 1 and ${MAX_LIMIT}.`);
  }
  let start = 0;
  if (position !== undefined) {
    const key = Buffer.from(position, 'base64url').toString('utf8');
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) throw badRequest(`Invalid position parameter: ${position}`);
  }
  const page = items.slice(start, start + size);
  const next = items[start + size];
  return next === undefined ? { items: page } : { items: page, position: Buffer.from(keyOf(next), 'utf8').toString('base64url') };
}
