// The AWS front door: picks the service a request is for (SigV4 credential scope, then
// X-Amz-Target, then the path), reads the call with the service's protocol, runs the operation
// and writes its answer or its error. A crash in an operation becomes an AWS-shaped 500.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, isAwsError } from './errors.js';
import type { ServiceName } from './model.js';
import { awsJson } from './protocols/aws-json.js';
import { awsQuery, queryParams } from './protocols/aws-query.js';
import type { Protocol, WireRequest, WireResponse } from './protocols/protocol.js';
import { restJson } from './protocols/rest-json.js';
import type { OpContext, ServiceDefinition } from './service.js';
import { credentialScope } from './sigv4.js';

const PROTOCOLS: Record<ServiceDefinition['model']['metadata']['protocol'], Protocol> = {
  'rest-json': restJson,
  json: awsJson,
  query: awsQuery,
};

/** SigV4 signing names that differ from Kanaria's service names. */
const SIGNING_NAMES: Record<string, ServiceName> = { execute_api: 'apigateway' };

export interface DispatchOptions {
  accountId: string;
  defaultRegion: string;
  log: (line: string) => void;
}

export type Services = Partial<Record<ServiceName, ServiceDefinition>>;

export function pickService(services: Services, req: WireRequest, scope = credentialScope(req.headers, req.query)): ServiceDefinition | undefined {
  if (scope) {
    const named = services[(SIGNING_NAMES[scope.service] ?? scope.service) as ServiceName];
    if (named) return named;
  }
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const prefix = target.split('.')[0];
    const byTarget = Object.values(services).find((s) => s?.model.metadata.targetPrefix === prefix);
    if (byTarget) return byTarget;
  }
  if (/^\/\d{4}-\d{2}-\d{2}\//.test(req.path)) return services.lambda;
  if (req.path === '/' || req.path === '') {
    const action = queryParams(req).get('Action');
    if (action) return Object.values(services).find((s) => s?.model.metadata.protocol === 'query' && s.model.operations[action]);
  }
  return services.apigateway;
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes a protocol's answer (a fresh object per call: its headers gain Content-Length). */
export function send(res: ServerResponse, out: WireResponse): void {
  const body = out.body;
  out.headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  res.writeHead(out.status, out.headers);
  res.end(body);
}

/** Characters that `new URL()` leaves as they are in a path or query (no `\\`, spaces, controls, `#`, …). */
const PLAIN_TARGET = /^[A-Za-z0-9\-_~!$&'()*+,;=:@\/%.?]*$/;
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * The path and query of a request target as `new URL(target, 'http://localhost')` reads them.
 * A target URL would not change (the AWS SDKs send only those) is split as it is: `new URL`
 * costs a few µs on every control-plane call.
 */
export function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  // (A query that starts with `?` is left to URL: URLSearchParams would drop that `?`.)
  const plain = path.startsWith('/') && !path.startsWith('//') && target[q + 1] !== '?' && PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(path);
  if (plain) {
    return { path, query: new URLSearchParams(q === -1 ? '' : target.slice(q + 1)) };
  }
  const url = new URL(target, 'http://localhost');
  return { path: url.pathname, query: url.searchParams };
}

/** The largest request body accepted: a 50 MB zip upload, base64-encoded, in a JSON document. */
export const MAX_CONTROL_BODY = 70 * 1024 * 1024;

export function createDispatcher(services: Services, options: DispatchOptions) {
  return async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = splitTarget(req.url ?? '/');
    const wire: WireRequest = { method: req.method ?? 'GET', path: url.path, query: url.query, headers: req.headers, body: Buffer.alloc(0) };
    const scope = credentialScope(req.headers, url.query);
    let service: ServiceDefinition | undefined;
    try {
      wire.body = await readBody(req, MAX_CONTROL_BODY);
      service = pickService(services, wire, scope);
      if (!service) {
        send(res, { status: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: `No service handles ${wire.method} ${wire.path}` }) });
        return;
      }
      const protocol = PROTOCOLS[service.model.metadata.protocol];
      const { operation, input } = protocol.parse(service, wire);
      const handler = service.operations[operation.name];
      if (!handler) throw service.errors.notImplemented(operation.name);
      const ctx: OpContext = {
        service: service.name,
        operation: operation.name,
        accountId: options.accountId,
        region: scope?.region ?? options.defaultRegion,
        requestId,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      };
      const output = await handler(ctx, input);
      send(res, protocol.serialize(service, operation, output, requestId));
    } catch (err) {
      if (!service) service = services.apigateway!;
      const protocol = PROTOCOLS[service.model.metadata.protocol];
      if (isAwsError(err)) {
        send(res, protocol.serializeError(service, err, requestId));
      } else {
        options.log(`${service.name} ${wire.method} ${wire.path} failed: ${(err as Error)?.stack ?? err}`);
        send(res, protocol.serializeError(service, new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', { status: 500 }), requestId));
      }
    }
  };
}
