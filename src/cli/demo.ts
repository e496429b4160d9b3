// `kanaria demo`: deploys the seed scenario (v1 and v2 behind a 10% canary) through the AWS APIs,
// sends traffic, shows the split and latency per variant, then promotes the canary and shows
// every request answered by v2. Starts its own in-memory server unless --endpoint is given.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { startKanaria, type Kanaria } from '../main.js';
import { deployScenario, promoteCanary, type DemoRuntime } from './demo/scenario.js';
import { formatBars, formatSplit, progressBar } from './demo/report.js';
import { sendTraffic } from './demo/traffic.js';

const HELP = `usage: kanaria demo [options]

  --endpoint URL     use a running Kanaria (default: start one in memory for the demo)
  --runtime R        python or node (default: python when python3 is installed)
  --requests N       requests before promotion (default 1000)
  --percent P        canary share in percent (default 10)
  --concurrency C    requests in flight (default 8)`;

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function callerAccount(endpoint: string): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=kanaria/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  const account = /<Account>(\d{12})<\/Account>/.exec(await res.text())?.[1];
  if (!account) throw new ConfigError(`${endpoint} does not answer like Kanaria (STS GetCallerIdentity failed)`);
  return account;
}

export async function demo(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      endpoint: { type: 'string' },
      runtime: { type: 'string' },
      requests: { type: 'string', short: 'n' },
      percent: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const runtime = (values.runtime ?? (hasPython() ? 'python' : 'node')) as DemoRuntime;
  if (runtime !== 'python' && runtime !== 'node') throw new ConfigError(`--runtime must be python or node, got '${runtime}'`);
  const requests = Number(values.requests ?? 1000);
  const percent = Number(values.percent ?? 10);
  const concurrency = Number(values.concurrency ?? 8);
  if (!Number.isInteger(requests) || requests < 1) throw new ConfigError('--requests must be a positive integer');
  if (!(percent >= 0 && percent <= 100)) throw new ConfigError('--percent must be between 0 and 100');

  let own: Kanaria | undefined;
  const endpoint = values.endpoint ?? (own = await startKanaria({ port: 0, ephemeral: true, quiet: true })).url;
  const out = process.stdout;
  try {
    const started = performance.now();
    const accountId = await callerAccount(endpoint);
    out.write(`Kanaria at ${endpoint}${own ? ' (started for this demo, in memory)' : ''}\n`);
    out.write(`Deploying two ${runtime} functions, a REST API and a dev stage with a ${percent}% canary…\n`);
    const d = await deployScenario({ endpoint, runtime, percentTraffic: percent, accountId, region: 'us-east-1', suffix: randomBytes(3).toString('hex') });
    const url = `${endpoint}/_aws/execute-api/${d.restApiId}/${d.stageName}/`;
    out.write(`  invoke URL: ${url}\n  stage deployment ${d.baseDeploymentId} (v1), canary deployment ${d.canaryDeploymentId} (v2)\n\n`);

    const before = await sendTraffic({ url, requests, concurrency, onProgress: progressBar(out, `Sending ${requests} requests`) });
    const beforeLabels = { base: 'v1 (stage)', canary: 'v2 (canary)' };
    out.write(`\nBefore promotion (canary at ${percent}%):\n${formatSplit(before, beforeLabels)}\n\n${formatBars(before, beforeLabels)}\n\n`);

    out.write('Promoting the canary (copy /canarySettings/deploymentId → /deploymentId, overrides → /variables), then removing it…\n');
    await promoteCanary(endpoint, d);
    const afterCount = Math.min(200, requests);
    const after = await sendTraffic({ url, requests: afterCount, concurrency, onProgress: progressBar(out, `Sending ${afterCount} requests`) });
    const afterLabels = { base: 'v1', canary: 'v2 (promoted)' };
    out.write(`\nAfter promotion:\n${formatSplit(after, afterLabels)}\n\n${formatBars(after, afterLabels)}\n\n`);
    out.write(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.${own ? '' : ` The API ${d.restApiId} stays on ${endpoint}.`}\n`);
    const failed = Object.keys(before.errors).length > 0 || Object.keys(after.errors).length > 0 || after.base.requests > 0;
    return failed ? 1 : 0;
  } finally {
    await own?.dispose();
  }
}
