// Access logs: the stage's `accessLogSettings.format` with every `$context.name` replaced by the
// request's value (`-` when it has none, as AWS writes it), one event per request to the
// destination's log group, and canary requests also to `{group}/Canary` (CANARY-DOC).
import type { InvocationContext } from './context.js';
import { accessLogVariable } from './context-variables.js';

type Part = string | { name: string };

const compiled = new Map<string, Part[]>();
const VARIABLE = /\$(?:context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)|\{context\.([A-Za-z0-9_.]+)\})/g;

/** Splits a format into text and variable names (cached per format: formats are few). */
export function compileAccessLogFormat(format: string): Part[] {
  let parts = compiled.get(format);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const m of format.matchAll(VARIABLE)) {
    if (m.index > last) parts.push(format.slice(last, m.index));
    parts.push({ name: m[1] ?? m[2] });
    last = m.index + m[0].length;
  }
  if (last < format.length) parts.push(format.slice(last));
  if (compiled.size < 256) compiled.set(format, parts);
  return parts;
}

export function renderAccessLog(format: string, lookup: (name: string) => string | number | boolean | undefined | null): string {
  let out = '';
  for (const part of compileAccessLogFormat(format)) {
    if (typeof part === 'string') out += part;
    else {
      const v = lookup(part.name);
      out += v === undefined || v === null || v === '' ? '-' : String(v);
    }
  }
  return out;
}

export function writeAccessLog(ctx: InvocationContext): void {
  const stage = ctx.stage!;
  if (!stage.accessLog) return;
  const message = renderAccessLog(stage.accessLog.format, (name) => accessLogVariable(ctx, name));
  const events = [{ timestamp: ctx.services.now(), message }];
  const { logSink, logStream } = ctx.services;
  logSink.write(stage.scope, stage.accessLog.group, logStream, events);
  if (ctx.variant === 'canary') logSink.write(stage.scope, `${stage.accessLog.group}/Canary`, logStream, events);
}
