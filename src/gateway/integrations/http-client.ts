// The HTTP client of HTTP and HTTP_PROXY integrations: keep-alive agents (one per gateway),
// a deadline per request, the answer read whole. Errors are rejected as HttpClientError with a
// reason the integration maps to a gateway response (timeout → 504, the rest → integration failure).
import http from 'node:http';
import https from 'node:https';

export interface HttpClientRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body: Buffer;
  timeoutMs: number;
}

export interface HttpClientResponse {
  status: number;
  /** Names lower-cased, every value kept. */
  headers: Record<string, string[]>;
  body: Buffer;
}

export class HttpClientError extends Error {
  constructor(
    readonly reason: 'timeout' | 'invalid-url' | 'network',
    message: string,
  ) {
    super(message);
  }
}

export interface HttpClient {
  send(request: HttpClientRequest): Promise<HttpClientResponse>;
  dispose(): void;
}

/** Largest answer read from a backend (API Gateway's payload limit is 10 MB). */
const MAX_RESPONSE = 10 * 1024 * 1024;

export function createHttpClient(): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
  };

  function send(request: HttpClientRequest): Promise<HttpClientResponse> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return Promise.reject(new HttpClientError('invalid-url', `Invalid endpoint address: ${request.url}`));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new HttpClientError('invalid-url', `Invalid endpoint address: ${request.url}`));
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method: request.method, headers: request.headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE) {
            res.destroy(new HttpClientError('network', 'Endpoint response body too large'));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) => reject(err instanceof HttpClientError ? err : new HttpClientError('network', err.message)));
        res.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string[]> = {};
          const raw = res.rawHeaders;
          for (let i = 0; i < raw.length; i += 2) (headers[raw[i].toLowerCase()] ??= []).push(raw[i + 1]);
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
      });
      const timer = setTimeout(() => req.destroy(new HttpClientError('timeout', 'Endpoint request timed out')), request.timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err instanceof HttpClientError ? err : new HttpClientError('network', err.message));
      });
      req.end(request.body.length > 0 ? request.body : undefined);
    });
  }

  return {
    send,
    dispose() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
