// Header maps the gateway builds keep the names as they were spelt (a handler's `content-type`,
// a template's `Content-Type`); HTTP names are case-insensitive, so lookups go through here.

/** The key under which `headers` holds `lowerName` in any spelling, or undefined (no key array: this runs on every answer). */
export function headerKey(headers: Readonly<Record<string, unknown>>, lowerName: string): string | undefined {
  for (const name in headers) if (name.length === lowerName.length && name.toLowerCase() === lowerName) return name;
  return undefined;
}
