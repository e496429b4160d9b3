// The entry point for FilterLogEvents' filterPattern: an empty pattern matches every event, `{…}`
// is a JSON pattern (./json-filter.ts), anything else unstructured text (./text-filter.ts).
// Space-delimited patterns (`[ip, user, …]`) are not supported yet and are refused.
import { compileJsonPattern } from './json-filter.js';
import { compileTextPattern, FilterPatternError } from './text-filter.js';

export { FilterPatternError };

export function compileFilterPattern(pattern: string | undefined): (message: string) => boolean {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '' || trimmed === '""') return () => true;
  if (trimmed.startsWith('{')) return compileJsonPattern(trimmed);
  if (trimmed.startsWith('[')) throw new FilterPatternError(`Kanaria does not support space-delimited filter patterns yet: ${pattern}`);
  return compileTextPattern(trimmed);
}
