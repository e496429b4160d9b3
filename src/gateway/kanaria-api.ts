// Kanaria's own read-only JSON endpoints for the data plane (not AWS APIs):
//   GET /_kanaria/stages   every stage served, its deployments, canary and invoke URLs (`kanaria urls`)
//   GET /_kanaria/metrics  metrics per stage and variant as JSON; Prometheus text with
//                          `Accept: text/plain` or `?format=prometheus`
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathUnder, sendJson, type FrontDoor } from '../listener.js';
import type { Metrics } from '../telemetry/metrics.js';
import { invokeUrls, type InvokeUrls } from './invoke-url.js';
import type { StageRegistry } from './stage-registry.js';

export interface StageSummary {
  accountId: string;
  region: string;
  restApiId: string;
  restApiName: string;
  stageName: string;
  deploymentId: string;
  canary: { deploymentId: string; percentTraffic: number } | null;
  urls: InvokeUrls;
}

const PATHS = new Set(['/_kanaria/stages', '/_kanaria/metrics']);

export function createKanariaApi(registry: StageRegistry, metrics: Metrics): FrontDoor {
  return {
    name: 'kanaria-data-plane-api',
    claims: (req) => PATHS.has(pathUnder(req, '/_kanaria/') ?? ''),
    handle(req: IncomingMessage, res: ServerResponse) {
      const [path, query = ''] = (req.url ?? '').split('?', 2);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: `${req.method} is not allowed on ${path}` });
      if (path === '/_kanaria/metrics') {
        const params = new URLSearchParams(query);
        const text = params.get('format') === 'prometheus' || (req.headers.accept ?? '').includes('text/plain');
        if (text) {
          res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics.prometheus());
          return;
        }
        return sendJson(res, 200, { stages: metrics.snapshot() });
      }
      const host = req.headers.host ?? 'localhost';
      const stages: StageSummary[] = registry.stages().map((s) => ({
        accountId: s.scope.accountId,
        region: s.scope.region,
        restApiId: s.apiId,
        restApiName: s.apiName,
        stageName: s.stageName,
        deploymentId: s.base.deploymentId,
        canary: s.canary ? { deploymentId: s.canary.deploymentId, percentTraffic: s.percentTraffic } : null,
        urls: invokeUrls(host, s.apiId, s.stageName),
      }));
      stages.sort((a, b) => a.restApiName.localeCompare(b.restApiName) || a.restApiId.localeCompare(b.restApiId) || a.stageName.localeCompare(b.stageName));
      return sendJson(res, 200, { stages });
    },
  };
}
