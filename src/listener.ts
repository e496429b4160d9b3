// The one HTTP listener: each request goes to the first front door that claims it (stage
// invocations, Kanaria's own /_kanaria/ API and console), else to the AWS dispatcher.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FrontDoor {
  name: string;
  /** Cheap test on the request line and headers; must not read the body. */
  claims(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/**
 * The request's path (its query left out) when its URL starts with `prefix`, else undefined. The
 * doors' `claims` are asked of every request the doors before them did not take, the AWS calls
 * included: the prefix is tested before any split.
 */
export function pathUnder(req: IncomingMessage, prefix = ''): string | undefined {
  const url = req.url ?? '/';
  if (!url.startsWith(prefix)) return undefined;
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Answers a front door's JSON: Kanaria's own APIs (rollouts, stages, metrics, the console's live view), never cached. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' }).end(body);
}

export interface Listener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listen(doors: FrontDoor[], fallback: FrontDoor['handle'], host: string, port: number, onError: (err: unknown) => void): Promise<Listener> {
  const server = createServer({ keepAlive: true }, (req, res) => {
    let result: void | Promise<void>;
    try {
      let door: FrontDoor | undefined;
      for (const d of doors) {
        if (d.claims(req)) {
          door = d;
          break;
        }
      }
      result = door ? door.handle(req, res) : fallback(req, res);
    } catch (err) {
      result = Promise.reject(err);
    }
    if (result) {
      result.catch((err) => {
        onError(err);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end('{"message":"Internal server error"}');
        } else res.destroy();
      });
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
