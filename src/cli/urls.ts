// `kanaria urls`: asks a running Kanaria (GET /_kanaria/stages) for every stage it serves and
// prints each stage's invoke URLs in the three forms (host style, path style, legacy).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { endpointOf, unreachable } from './endpoint.js';
import type { StageSummary } from '../gateway/index.js';

const HELP = `usage: kanaria urls [options]

  --endpoint URL   the running Kanaria to ask (default $KANARIA_ENDPOINT or http://127.0.0.1:4566)
  --json           print the stages as JSON`;

export function formatStages(stages: StageSummary[]): string {
  if (stages.length === 0) return 'No stages yet: deploy an API (aws apigateway create-deployment --stage-name …) to get invoke URLs.';
  return stages
    .map((s) => {
      const canary = s.canary ? `, canary ${s.canary.percentTraffic}% → ${s.canary.deploymentId}` : '';
      return [`${s.restApiName} (${s.restApiId}) stage ${s.stageName} [deployment ${s.deploymentId}${canary}] ${s.region}`, `  ${s.urls.host}`, `  ${s.urls.path}`, `  ${s.urls.legacy}`].join('\n');
    })
    .join('\n\n');
}

export async function fetchStages(endpoint: string): Promise<StageSummary[]> {
  let res: Response;
  try {
    res = await fetch(new URL('/_kanaria/stages', endpoint));
  } catch (err) {
    throw unreachable(endpoint, err);
  }
  if (!res.ok) throw new ConfigError(`${endpoint} answered ${res.status} to /_kanaria/stages: is it Kanaria?`);
  return ((await res.json()) as { stages: StageSummary[] }).stages;
}

export async function urls(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { endpoint: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const endpoint = endpointOf(values.endpoint);
  const stages = await fetchStages(endpoint);
  console.log(values.json ? JSON.stringify(stages, null, 2) : formatStages(stages));
  return 0;
}
