// Sticky canary routing (Kanaria's option, off unless a rollout asks for it): a stage document
// `gateway.sticky` names the header or cookie whose value keeps a client on one variant. The
// stage registry watches these documents and compiles them into the stage; requests never read
// the store. Writers (the rollout engine) go through `putStickyRouting` only.
import type { IncomingHttpHeaders } from 'node:http';
import type { Store } from '../store/store.js';
import { fnv1a, stickyPoint } from './canary.js';

/** Store kind of the sticky setting of a stage; the id is the stage document's id. */
export const STICKY_KIND = 'gateway.sticky';

/** What a writer stores: exactly one of `header` / `cookie`, and a salt (a new one reshuffles clients). */
export interface StickySetting {
  header?: string;
  cookie?: string;
  salt: string;
}

/** The compiled form a stage carries: the lower-case header or the cookie name, and the salted hash state. */
export interface StickyRouting {
  readonly header: string | null;
  readonly cookie: string | null;
  readonly seed: number;
}

export function putStickyRouting(store: Store, stageId: string, setting: StickySetting | null): void {
  if (setting) store.put<StickySetting>(STICKY_KIND, stageId, setting);
  else store.delete(STICKY_KIND, stageId);
}

export function compileStickyRouting(setting: StickySetting | undefined): StickyRouting | null {
  if (!setting || (!setting.header && !setting.cookie)) return null;
  return Object.freeze({
    header: setting.header ? setting.header.toLowerCase() : null,
    cookie: setting.header ? null : (setting.cookie ?? null),
    seed: fnv1a(`${setting.salt}\u0000`),
  });
}

const isSpace = (c: number) => c === 32 || c === 9;

/**
 * The value of cookie `name` in a Cookie header (`a=1; b=2`), or undefined. Names are compared in
 * place (this runs on every request of a stage sticky by cookie); only the value is sliced.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  let start = 0;
  while (start < header.length) {
    let end = header.indexOf(';', start);
    if (end === -1) end = header.length;
    let at = start;
    while (at < end && isSpace(header.charCodeAt(at))) at++;
    if (header.startsWith(name, at)) {
      at += name.length;
      while (at < end && isSpace(header.charCodeAt(at))) at++;
      if (at < end && header.charCodeAt(at) === 61 /* = */) return header.slice(at + 1, end).trim();
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * The request's point in [0, 100) under `routing`, or undefined when it carries no (or an empty)
 * key: such a request is drawn at random, as AWS does. One hash of one short string.
 */
export function stickyRequestPoint(routing: StickyRouting, headers: IncomingHttpHeaders): number | undefined {
  let key: string | undefined;
  if (routing.header !== null) {
    const value = headers[routing.header];
    key = Array.isArray(value) ? value[0] : value;
  } else if (routing.cookie !== null) {
    key = cookieValue(headers.cookie, routing.cookie);
  }
  return key ? stickyPoint(routing.seed, key) : undefined;
}
