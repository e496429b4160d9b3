// Lambda's list paging: `MaxItems` and an opaque `Marker` (here the base64 position of the next item).

export function paginate<T>(items: T[], marker: string | undefined, maxItems: number | undefined, defaultMax = 50): { page: T[]; next?: string } {
  const start = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) || 0 : 0;
  const size = maxItems ?? defaultMax;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return { page, next: end < items.length ? Buffer.from(String(end)).toString('base64') : undefined };
}
