// One reading of a URL path shared by the AWS wire layer (restJson1 request URIs) and the
// gateway's route tables: the non-empty parts between slashes.

/** Splits a path into its non-empty parts (a trailing slash and `//` do not count, as on AWS). */
export function pathParts(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < path.length) {
    let end = path.indexOf('/', start);
    if (end === -1) end = path.length;
    if (end > start) out.push(path.slice(start, end));
    start = end + 1;
  }
  return out;
}
