// IAM's Marker/MaxItems paging over an in-memory list: MaxItems defaults to 100, IsTruncated is
// always answered, and Marker is an opaque token naming where the next page starts.

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export const DEFAULT_MAX_ITEMS = 100;

const encodeMarker = (offset: number) => Buffer.from(`kanaria:${offset}`).toString('base64');

/** The offset a marker names, or undefined when it is not one this module wrote. */
export function decodeMarker(marker: string): number | undefined {
  const match = /^kanaria:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** One page of `all`; `invalidMarker` builds the error for a marker this module did not write. */
export function pageOf<T>(all: T[], marker: string | undefined, maxItems: number | undefined, invalidMarker: () => Error): Page<T> {
  const start = marker === undefined ? 0 : decodeMarker(marker);
  if (start === undefined) throw invalidMarker();
  const size = maxItems ?? DEFAULT_MAX_ITEMS;
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return end < all.length ? { items, IsTruncated: true, Marker: encodeMarker(end) } : { items, IsTruncated: false };
}
