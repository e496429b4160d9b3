// The console's front door: the page at /_kanaria/, its assets under /_kanaria/console/ and its
// JSON API under /_kanaria/console/api/. Everything the page changes goes through the public AWS
// operations on this same origin; this door only serves files and reads telemetry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathUnder, sendJson, type FrontDoor } from '../listener.js';
import type { Metrics } from '../telemetry/metrics.js';
import { liveView, LiveQuerySchema } from './live-api.js';
import { createStaticFiles } from './static-files.js';

export interface ConsoleDeps {
  metrics: Metrics;
  /** The account and region the page's unsigned control-plane calls land in. */
  accountId: string;
  region: string;
  now?: () => number;
}

const ASSETS = '/_kanaria/console/';
const API = '/_kanaria/console/api/';

export function createConsoleDoor(deps: ConsoleDeps): FrontDoor {
  const files = createStaticFiles();
  const scope = { accountId: deps.accountId, region: deps.region };

  function api(req: IncomingMessage, res: ServerResponse, name: string): void {
    if (name !== 'live') return sendJson(res, 404, { message: `No console API named '${name}'` });
    const parsed = LiveQuerySchema.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
      return sendJson(res, 400, { message });
    }
    sendJson(res, 200, liveView(deps.metrics, scope, parsed.data, deps.now));
  }

  return {
    name: 'console',
    claims(req) {
      const path = pathUnder(req, '/_kanaria');
      return path === '/_kanaria' || path === '/_kanaria/' || (path?.startsWith(ASSETS) ?? false);
    },
    async handle(req, res) {
      const path = pathUnder(req)!;
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { message: `${method} is not allowed on ${path}` });
      if (path === '/_kanaria') {
        res.writeHead(308, { Location: '/_kanaria/' }).end();
        return;
      }
      if (path === '/_kanaria/') return files.serve('index.html', res, method === 'HEAD');
      if (path.startsWith(API)) return api(req, res, path.slice(API.length));
      let relative: string;
      try {
        relative = decodeURIComponent(path.slice(ASSETS.length));
      } catch {
        return sendJson(res, 400, { message: 'Malformed asset path' });
      }
      return files.serve(relative, res, method === 'HEAD');
    },
  };
}
