// The JSONPath subset mapping templates use with `$input.path` / `$input.json`: `$`, `.name`,
// `['name']`, `[0]`, `[-1]`, `[*]`, `.*` and `..name`. A path with a wildcard or `..` yields a
// list of matches; a plain path yields its value or undefined.

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'deep'; key: string };

const cache = new Map<string, Step[] | null>();

function parse(path: string): Step[] | null {
  let steps = cache.get(path);
  if (steps !== undefined) return steps;
  steps = parseUncached(path.trim());
  if (cache.size < 1000) cache.set(path, steps);
  return steps;
}

function parseUncached(path: string): Step[] | null {
  if (!path.startsWith('$')) return null;
  const steps: Step[] = [];
  let i = 1;
  const ident = /^[A-Za-z0-9_$@-]+/;
  while (i < path.length) {
    const rest = path.slice(i);
    if (rest.startsWith('..')) {
      const m = ident.exec(rest.slice(2));
      if (!m) return null;
      steps.push({ kind: 'deep', key: m[0] });
      i += 2 + m[0].length;
    } else if (rest.startsWith('.*')) {
      steps.push({ kind: 'all' });
      i += 2;
    } else if (rest.startsWith('.')) {
      const m = ident.exec(rest.slice(1));
      if (!m) return null;
      steps.push({ kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) return null;
      const inner = rest.slice(1, end).trim();
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'key', key: inner.slice(1, -1) });
      else return null;
      i += end + 1;
    } else return null;
  }
  return steps;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') return Object.values(value);
  return [];
}

function descend(value: unknown, key: string, out: unknown[]): void {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, key)) out.push((value as Record<string, unknown>)[key]);
  for (const child of children(value)) descend(child, key, out);
}

/** Evaluates `path` against `root`; undefined when nothing matches or the path is not understood. */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  const steps = parse(path);
  if (!steps) return undefined;
  let current: unknown[] = [root];
  let many = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'key') {
        if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, step.key)) {
          next.push((value as Record<string, unknown>)[step.key]);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (step.kind === 'all') {
        many = true;
        next.push(...children(value));
      } else {
        many = true;
        descend(value, step.key, next);
      }
    }
    current = next;
  }
  return many ? current : current[0];
}
