// `kanaria traffic URL`: calls a stage N times and reports the split between base and canary
// answers (told apart by a marker in the body) with its 99% binomial interval.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { formatBars, formatSplit, progressBar } from './demo/report.js';
import { sendTraffic } from './demo/traffic.js';

const HELP = `usage: kanaria traffic URL [options]

  -n, --requests N     number of requests (default 1000)
  --concurrency C      requests in flight (default 8)
  --canary-marker TEXT text in a canary answer's body (default "ver 2")
  --show               list each distinct answer body with its count`;

export async function traffic(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      requests: { type: 'string', short: 'n' },
      concurrency: { type: 'string' },
      'canary-marker': { type: 'string' },
      show: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const url = positionals[0];
  if (!url) throw new ConfigError('traffic needs the invoke URL of a stage (see kanaria urls)');
  const requests = Number(values.requests ?? 1000);
  if (!Number.isInteger(requests) || requests < 1) throw new ConfigError('--requests must be a positive integer');
  const marker = values['canary-marker'] ?? 'ver 2';
  const result = await sendTraffic({
    url,
    requests,
    concurrency: Number(values.concurrency ?? 8),
    canaryMarker: marker,
    onProgress: values.show ? undefined : progressBar(process.stderr, `Sending ${requests} requests`),
  });
  if (values.show) for (const [body, n] of Object.entries(result.bodies)) console.log(`${String(n).padStart(6)}  ${body}`);
  const labels = { base: 'base (other answers)', canary: `canary ("${marker}")` };
  console.log(`${formatSplit(result, labels)}\n\n${formatBars(result, labels)}`);
  return Object.keys(result.errors).length > 0 ? 1 : 0;
}
