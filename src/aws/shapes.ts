// Shape-driven reading and writing of values: turns wire values (JSON, query strings, headers)
// into typed input checked against the model's constraints, and typed output back into wire
// values holding exactly the members the model declares. No HTTP here.
import type { MemberRef, ServiceModel, Shape } from './model.js';
import { shapeOf } from './model.js';

/** Thrown when a wire value cannot be read as its shape's type (a serialization failure). */
export class WireTypeError extends Error {}

/** Where a value sits in the input, in AWS's validation-message notation (`a.b.1.member.c`). */
export type Path = string;

export interface ReadOptions {
  /** Strings from query strings and headers: numbers and booleans arrive as text. */
  fromText?: boolean;
  /** Collects constraint failures (`Value 'x' at 'p' failed to satisfy constraint: …`). */
  failures: string[];
}

const lcfirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
export const memberPath = (parent: Path, name: string): Path => (parent ? `${parent}.${lcfirst(name)}` : lcfirst(name));

const patternCache = new Map<string, RegExp | null>();
function compilePattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    re = null;
    for (const flags of ['u', '']) {
      try {
        re = new RegExp(`^(?:${pattern})$`, flags);
        break;
      } catch {
        /* Java-only syntax: try without the unicode flag, else skip the check */
      }
    }
    patternCache.set(pattern, re);
  }
  return re;
}

function quote(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function checkConstraints(shape: Shape, value: unknown, path: Path, failures: string[]): void {
  const fail = (constraint: string): void => {
    failures.push(`Value ${quote(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  };
  if (shape.enum && typeof value === 'string' && !shape.enum.includes(value)) {
    fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    return;
  }
  const size = typeof value === 'string' ? value.length : Array.isArray(value) ? value.length : undefined;
  if (size !== undefined) {
    if (shape.min !== undefined && size < shape.min) return fail(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && size > shape.max) return fail(`Member must have length less than or equal to ${shape.max}`);
  } else if (typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) return fail(`Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) return fail(`Member must have value less than or equal to ${shape.max}`);
  }
  if (shape.pattern && typeof value === 'string') {
    const re = compilePattern(shape.pattern);
    if (re && !re.test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
}

/**
 * Reads one wire value as `ref`'s shape. Returns undefined for null/absent values. Throws
 * WireTypeError when the JSON type cannot stand for the shape; constraint failures are
 * collected in `opts.failures` so that one answer lists them all, as AWS does.
 */
export function readValue(model: ServiceModel, ref: { shape: string }, value: unknown, path: Path, opts: ReadOptions): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = shapeOf(model, ref);
  let out: unknown;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new WireTypeError(`expected an object at '${path}'`);
      out = readStructure(model, shape, value as Record<string, unknown>, path, opts);
      break;
    }
    case 'list': {
      if (!Array.isArray(value)) throw new WireTypeError(`expected a list at '${path}'`);
      out = value.map((item, i) => readValue(model, shape.member!, item, `${path}.${i + 1}.member`, opts));
      break;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new WireTypeError(`expected a map at '${path}'`);
      const map: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        checkConstraints(shapeOf(model, shape.key!), k, `${path}.key`, opts.failures);
        const item = readValue(model, shape.value!, v, `${path}.${k}`, opts);
        if (item !== undefined) map[k] = item;
      }
      out = map;
      break;
    }
    case 'string':
      if (typeof value === 'string') out = value;
      else if (typeof value === 'number' || typeof value === 'boolean') out = String(value);
      else throw new WireTypeError(`expected a string at '${path}'`);
      break;
    case 'integer':
    case 'long': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new WireTypeError(`expected an integer at '${path}'`);
      out = Math.trunc(n);
      break;
    }
    case 'double':
    case 'float': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new WireTypeError(`expected a number at '${path}'`);
      out = n;
      break;
    }
    case 'boolean':
      if (typeof value === 'boolean') out = value;
      else if (value === 'true' || value === 'false') out = value === 'true';
      else throw new WireTypeError(`expected a boolean at '${path}'`);
      break;
    case 'timestamp': {
      const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? parseTimestamp(value) : undefined;
      if (!date || Number.isNaN(date.getTime())) throw new WireTypeError(`expected a timestamp at '${path}'`);
      out = date;
      break;
    }
    case 'blob':
      if (Buffer.isBuffer(value)) out = value;
      else if (typeof value === 'string') out = Buffer.from(value, 'base64');
      else throw new WireTypeError(`expected base64 text at '${path}'`);
      break;
    default:
      out = value;
  }
  checkConstraints(shape, out, path, opts.failures);
  return out;
}

function parseTimestamp(text: string): Date {
  return /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
}

/** A structure's body members (not bound to the URI, query or headers) and their wire names, listed once per shape. */
const bodyMembersOf = new WeakMap<Shape, Array<[name: string, member: MemberRef, wireName: string]>>();
function bodyMembers(shape: Shape): Array<[name: string, member: MemberRef, wireName: string]> {
  let list = bodyMembersOf.get(shape);
  if (!list) {
    list = Object.entries(shape.members ?? {})
      .filter(([, member]) => !member.location)
      .map(([name, member]) => [name, member, member.locationName ?? name]);
    bodyMembersOf.set(shape, list);
  }
  return list;
}

/** Reads the body members of a structure (members bound to the URI, query or headers are skipped). */
export function readStructure(model: ServiceModel, shape: Shape, value: Record<string, unknown>, path: Path, opts: ReadOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member, wireName] of bodyMembers(shape)) {
    const raw = value[wireName];
    // Absent: readValue's answer too, without building the member's path.
    if (raw === undefined || raw === null) continue;
    const item = readValue(model, member, raw, memberPath(path, name), opts);
    if (item !== undefined) out[name] = item;
  }
  return out;
}

/** Reports required members that are absent, in AWS's words. */
export function checkRequired(shape: Shape, value: Record<string, unknown>, path: Path, failures: string[]): void {
  for (const name of shape.required ?? []) {
    if (value[name] === undefined) failures.push(`Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member must not be null`);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

/** A JSON number that must be written with a fraction (`10.0`), as AWS writes doubles. */
class JsonDouble {
  constructor(readonly text: string) {}
}

export interface WriteOptions {
  /** How timestamps in bodies are written: epoch seconds (JSON protocols) or ISO 8601 (XML). */
  timestamps: 'epoch-seconds' | 'iso8601';
}

export function toEpochSeconds(value: unknown): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number(value) * 1000;
  return Math.trunc(ms / 1000);
}

export function toIso8601(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : new Date(Number(value) * 1000);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Writes an output value as its shape: only declared members (their wire names), no null or
 * undefined, timestamps and blobs converted. Returns a tree for `stringifyJson`.
 */
export function writeValue(model: ServiceModel, ref: { shape: string }, value: unknown, opts: WriteOptions): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const input = value as Record<string, unknown>;
      for (const [name, member, wireName] of bodyMembers(shape)) {
        const item = writeValue(model, member, input[name], opts);
        if (item !== undefined) out[wireName] = item;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => writeValue(model, shape.member!, item, opts));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const item = writeValue(model, shape.value!, v, opts);
        if (item !== undefined) out[k] = item;
      }
      return out;
    }
    case 'timestamp':
      return opts.timestamps === 'iso8601' ? toIso8601(value) : toEpochSeconds(value);
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(String(value)).toString('base64');
    case 'double':
    case 'float': {
      const n = Number(value);
      return Number.isInteger(n) ? new JsonDouble(n.toFixed(1)) : n;
    }
    case 'integer':
    case 'long':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** JSON.stringify that writes doubles as AWS does (`10.0`, not `10`). */
export function stringifyJson(value: unknown): string {
  if (value instanceof JsonDouble) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(k)}:${stringifyJson(v)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
