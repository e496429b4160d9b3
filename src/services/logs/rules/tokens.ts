// CloudWatch Logs' tokens. GetLogEvents pages with `f/<56 digits>/s` (forward) and `b/…/s`
// (backward) tokens that name a position between events; eventIds and sequence tokens are 56
// digits too. FilterLogEvents and the Describe calls use opaque base64 tokens.
import type { LogEventPosition } from '../../../store/store.js';

export type Direction = 'f' | 'b';

/** Before every event: seq starts at 1, so "after (0, 0)" is the whole stream. */
export const START: LogEventPosition = { timestamp: 0, seq: 0 };

const digits = (p: LogEventPosition) => `${String(p.timestamp).padStart(20, '0')}${String(p.seq).padStart(36, '0')}`;

export const eventsToken = (direction: Direction, p: LogEventPosition) => `${direction}/${digits(p)}/s`;

/** The direction and position a GetLogEvents token names, undefined when it is not one. */
export function readEventsToken(token: string): { direction: Direction; position: LogEventPosition } | undefined {
  const m = /^([fb])\/(\d{20})(\d{36})(\/s)?$/.exec(token);
  if (!m) return undefined;
  const position = { timestamp: Number(m[2]), seq: Number(m[3]) };
  return Number.isSafeInteger(position.timestamp) && Number.isSafeInteger(position.seq) ? { direction: m[1] as Direction, position } : undefined;
}

/** A 56-digit event id, unique per event (the stored sequence number decides). */
export const eventId = (p: LogEventPosition) => digits(p);

/** The 56-digit upload sequence token of a stream after `n` batches. */
export const sequenceToken = (n: number) => String(n).padStart(56, '0');

/** An opaque token carrying `value` (a cursor), bound to `scope` so it is refused elsewhere. */
export function opaqueToken(scope: string, value: unknown): string {
  return Buffer.from(JSON.stringify({ k: scope, v: value })).toString('base64');
}

/** The value of an opaque token written for `scope`, undefined when it was not. */
export function readOpaqueToken<T>(scope: string, token: string, valid: (v: unknown) => v is T): T | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { k?: unknown; v?: unknown };
    return parsed.k === scope && valid(parsed.v) ? parsed.v : undefined;
  } catch {
    return undefined;
  }
}

export const isPosition = (v: unknown): v is LogEventPosition =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as LogEventPosition).timestamp) && Number.isSafeInteger((v as LogEventPosition).seq);

export const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
