// The PATCH engine shared by every API Gateway Update* operation except UpdateStage (see
// patch-stage.ts): a table of allowed paths and ops per resource type, JSON-Pointer unescaping,
// and AWS's two families of "invalid patch" messages. Pure: no store, no HTTP.
import type { Op, PatchOperation } from '../../../aws/generated/apigateway.js';
import { badRequest } from '../errors.js';

/** `/a~1b/c` → `['a/b', 'c']` (JSON Pointer, RFC 6901: `~1` is `/`, `~0` is `~`). */
export function pointerSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface PatchRule<T> {
  /** `/name`, or with `*` for one variable segment: `/requestParameters/*`. */
  path: string;
  ops: Op[];
  /** Applies one operation; `params` are the segments that matched `*`, unescaped. */
  apply(target: T, op: PatchOperation, params: string[]): void;
}

/** How a resource type words its refusals: AWS answers differently per resource [AWS-recorded]. */
export interface PatchStyle {
  unknownPath(op: PatchOperation, rules: PatchRule<unknown>[]): Error;
  opNotAllowed(op: PatchOperation, rule: PatchRule<unknown>): Error;
}

/** RestApi, Method, Integration…: `Invalid patch path /x` and `Must be one of: [replace]`. */
export const PLAIN_STYLE: PatchStyle = {
  unknownPath: (op) => badRequest(`Invalid patch path ${op.path ?? 'null'}`),
  opNotAllowed: (_op, rule) => badRequest(`Invalid patch operation specified. Must be one of: [${rule.ops.join(', ')}]`),
};

/** Resource, Model, RequestValidator: the double-spaced `Invalid patch path  '/x' specified for op 'y'`. */
export const VERBOSE_STYLE: PatchStyle = {
  unknownPath: (op, rules) => {
    const valid = rules.filter((r) => op.op !== undefined && r.ops.includes(op.op)).map((r) => r.path);
    const head = `Invalid patch path  '${op.path}' specified for op '${op.op}'.`;
    return badRequest(valid.length > 0 ? `${head} Must be one of: [${valid.join(', ')}]` : `${head} Please choose supported operations`);
  },
  opNotAllowed: (op) => badRequest(`Invalid patch path  '${op.path}' specified for op '${op.op}'. Please choose supported operations`),
};

function match(pattern: string, segments: string[]): string[] | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '*') {
      if (segments[i] === '') return undefined;
      params.push(segments[i]);
    } else if (parts[i] !== segments[i]) return undefined;
  }
  return params;
}

/**
 * Applies `ops` in order to `target` (mutated; callers pass a copy and store it only when every
 * operation succeeded). The first refused operation throws, so a request is all or nothing.
 */
export function applyPatch<T>(target: T, ops: PatchOperation[] | undefined, rules: PatchRule<T>[], style: PatchStyle): T {
  for (const op of ops ?? []) {
    if (op.path === undefined || op.path === null) throw style.unknownPath(op, rules as PatchRule<unknown>[]);
    const segments = pointerSegments(op.path.startsWith('/') ? op.path : `/${op.path}`);
    let found: { rule: PatchRule<T>; params: string[] } | undefined;
    for (const rule of rules) {
      const params = match(rule.path, segments);
      if (params) {
        found = { rule, params };
        if (op.op !== undefined && rule.ops.includes(op.op)) break;
      }
    }
    if (!found) throw style.unknownPath(op, rules as PatchRule<unknown>[]);
    if (op.op === undefined || !found.rule.ops.includes(op.op)) throw style.opNotAllowed(op, found.rule as PatchRule<unknown>);
    found.rule.apply(target, op, found.params);
  }
  return target;
}

// ---------------------------------------------------------------------------------------------
// Value readers: patch values always arrive as strings.

export function parseBooleanValue(op: PatchOperation): boolean {
  const v = (op.value ?? '').trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw badRequest(`Invalid value specified for ${op.path}: ${op.value ?? 'null'}. Must be true or false.`);
}

export function parseNumberValue(op: PatchOperation, integer: boolean): number {
  const text = (op.value ?? '').trim();
  const n = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw badRequest(`Invalid value specified for ${op.path}: ${op.value ?? 'null'}. Must be ${integer ? 'an integer' : 'a number'}.`);
  }
  return n;
}

/** Sets or deletes `target[member][key]`; an emptied map is removed, so the key is absent as AWS answers. */
export function setMapEntry(target: object, member: string, key: string, value: unknown): void {
  const holder = target as Record<string, Record<string, unknown> | undefined>;
  const map = { ...(holder[member] ?? {}) };
  if (value === undefined) delete map[key];
  else map[key] = value;
  if (Object.keys(map).length > 0) holder[member] = map;
  else delete holder[member];
}
