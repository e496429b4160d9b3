// The AWS Lambda Runtime API (2018-06-01) for custom runtimes (provided.*): one loopback HTTP
// server per worker, so the zip's `bootstrap` runs unchanged. The bootstrap long-polls
// GET /runtime/invocation/next and posts …/{id}/response, …/{id}/error or /runtime/init/error.
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, ChannelEvents, Invocation } from './channel.js';
import { MAX_RESPONSE_BYTES } from './channel.js';

const PREFIX = '/2018-06-01/runtime/';

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

export class RuntimeApiChannel implements Channel {
  private server: Server | undefined;
  private events: ChannelEvents | undefined;
  private parked: ServerResponse | undefined;
  private queued: { inv: Invocation; deadline: number } | undefined;
  private currentId: string | undefined;
  private isReady = false;

  async prepare() {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    return { stdio: ['ignore', 'pipe', 'pipe'] as StdioOptions, env: { AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}` } };
  }

  attach(_child: ChildProcess, events: ChannelEvents): void {
    this.events = events;
  }

  send(inv: Invocation, deadline: number): void {
    this.currentId = inv.requestId;
    this.queued = { inv, deadline };
    if (this.parked) this.deliver(this.parked);
  }

  close(): void {
    this.parked?.destroy();
    this.server?.close();
    this.server?.closeAllConnections();
  }

  private deliver(res: ServerResponse): void {
    const { inv, deadline } = this.queued!;
    this.queued = undefined;
    this.parked = undefined;
    const body = Buffer.from(inv.payload, 'utf8');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      'Lambda-Runtime-Aws-Request-Id': inv.requestId,
      'Lambda-Runtime-Deadline-Ms': String(deadline),
      'Lambda-Runtime-Invoked-Function-Arn': inv.invokedArn,
      'Lambda-Runtime-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${inv.requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`,
    };
    if (inv.clientContext) headers['Lambda-Runtime-Client-Context'] = Buffer.from(inv.clientContext, 'base64').toString('utf8');
    res.writeHead(200, headers);
    res.end(body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const events = this.events;
    const path = (req.url ?? '').split('?')[0];
    if (!events || !path.startsWith(PREFIX)) return reply(res, 404, { errorMessage: 'Not found', errorType: 'NotFound' });
    const route = path.slice(PREFIX.length);
    if (req.method === 'GET' && route === 'invocation/next') {
      if (!this.isReady) {
        this.isReady = true;
        events.ready();
      }
      this.parked?.destroy();
      this.parked = res;
      res.on('close', () => {
        if (this.parked === res) this.parked = undefined;
      });
      if (this.queued) this.deliver(res);
      return;
    }
    if (req.method !== 'POST') return reply(res, 405, { errorMessage: 'Method not allowed', errorType: 'MethodNotAllowed' });
    const body = await readBody(req, MAX_RESPONSE_BYTES);
    if (route === 'init/error') {
      reply(res, 202, { status: 'OK' });
      const errorType = String(req.headers['lambda-runtime-function-error-type'] ?? 'Runtime.Unknown');
      return events.initError(errorType, body?.toString('utf8') || JSON.stringify({ errorType, errorMessage: 'init error' }));
    }
    const m = /^invocation\/([^/]+)\/(response|error)$/.exec(route);
    if (!m) return reply(res, 404, { errorMessage: 'Not found', errorType: 'NotFound' });
    const id = decodeURIComponent(m[1]);
    if (id !== this.currentId) return reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
    if (!body) {
      reply(res, 413, { errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`, errorType: 'RequestEntityTooLarge' });
      return events.error(id, 'Function.ResponseSizeTooLarge', Buffer.from(JSON.stringify({
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        errorType: 'Function.ResponseSizeTooLarge',
      })));
    }
    reply(res, 202, { status: 'OK' });
    this.currentId = undefined;
    if (m[2] === 'response') return events.result(id, body);
    let errorType = String(req.headers['lambda-runtime-function-error-type'] ?? '');
    try {
      errorType ||= String(JSON.parse(body.toString('utf8')).errorType ?? '');
    } catch {
      /* a body that is not JSON keeps the header's type */
    }
    events.error(id, errorType || 'Unhandled', body);
  }
}
