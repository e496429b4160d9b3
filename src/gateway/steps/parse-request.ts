// parseRequest: the method request as API Gateway reads it — method, path after the stage,
// decoded query parameters (every value), headers with the client's spelling, the caller's
// address and the body (read here, up to API Gateway's 10 MB payload limit).
import type { IncomingMessage } from 'node:http';
import type { InvocationContext, InvocationRequest } from '../context.js';
import { MESSAGES, RequestTooLarge } from '../gateway-responses.js';

/** API Gateway's payload limit (api-gateway-execution-service-limits-table). */
export const MAX_BODY = 10 * 1024 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);

function decodeComponent(s: string): string {
  const plain = s.indexOf('+') === -1 ? s : s.replace(/\+/g, ' ');
  if (plain.indexOf('%') === -1) return plain;
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain;
  }
}

/** `a=1&a=2&b` → `{a: ['1', '2'], b: ['']}`, decoded as a form would be. */
export function parseQuery(raw: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (raw === '') return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    (out[key] ??= []).push(value);
  }
  return out;
}

/** Headers by name as first spelt by the client (case kept), values in order. */
export function multiValueHeaders(rawHeaders: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    const key = spelling.get(lower);
    if (key === undefined) {
      spelling.set(lower, name);
      out[name] = [rawHeaders[i + 1]];
    } else out[key].push(rawHeaders[i + 1]);
  }
  return out;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        failed = true;
        reject(new RequestTooLarge(MESSAGES.tooLarge));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** The method request; headers and query parameters are decoded on first use (MOCK rarely needs them). */
class ParsedRequest implements InvocationRequest {
  readonly httpMethod: string;
  readonly path: string;
  readonly rawQuery: string;
  body: Buffer = EMPTY;
  readonly sourceIp: string;
  readonly host: string;
  readonly #rawHeaders: string[];
  #headers: Record<string, string[]> | undefined;
  #query: Record<string, string[]> | undefined;

  constructor(req: IncomingMessage, target: InvocationContext['target']) {
    const address = req.socket.remoteAddress ?? '';
    this.httpMethod = req.method ?? 'GET';
    this.path = target.path;
    this.rawQuery = target.rawQuery;
    this.sourceIp = address.startsWith('::ffff:') ? address.slice(7) : address;
    this.host = req.headers.host ?? '';
    this.#rawHeaders = req.rawHeaders;
  }

  get multiValueHeaders(): Record<string, string[]> {
    return (this.#headers ??= multiValueHeaders(this.#rawHeaders));
  }

  get multiValueQuery(): Record<string, string[]> {
    return (this.#query ??= parseQuery(this.rawQuery));
  }
}

export function parseRequest(ctx: InvocationContext): void | Promise<void> {
  const request = new ParsedRequest(ctx.req, ctx.target);
  ctx.request = request;
  if (!hasBody(ctx.req)) return;
  return readBody(ctx.req).then((body) => {
    request.body = body;
  });
}
