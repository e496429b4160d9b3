// `kanaria start`: runs the server in the foreground until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { configFromEnv, ConfigError, type ConfigInput } from '../config.js';
import { startKanaria } from '../main.js';

const HELP = `usage: kanaria start [options]

  --port N               port to listen on (default 4566; 0 picks a free one)
  --host H               address to bind (default 127.0.0.1)
  --data-dir DIR         state and function code (default .kanaria)
  --ephemeral            keep state in memory; nothing is written to the data directory
  --account-id ID        12-digit account id (default 000000000000)
  --region R             region when a request is not signed (default us-east-1)
  --seed N               reproducible canary draws (stages and Lambda aliases)
  --allow-canary-header  honour x-kanaria-canary: always|never on stage requests
  --debug-headers        add x-kanaria-variant: base|canary to stage responses
  --quiet                print only errors`;

function toNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(`--${flag} must be a number, got '${value}'`);
  return n;
}

export function startOptions(args: string[]): ConfigInput | undefined {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      ephemeral: { type: 'boolean' },
      'account-id': { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string' },
      'allow-canary-header': { type: 'boolean' },
      'debug-headers': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const input: ConfigInput = configFromEnv(process.env);
  const set = <K extends keyof ConfigInput>(key: K, value: ConfigInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('port', toNumber('port', values.port));
  set('host', values.host);
  set('dataDir', values['data-dir']);
  set('ephemeral', values.ephemeral);
  set('accountId', values['account-id']);
  set('region', values.region);
  set('seed', toNumber('seed', values.seed));
  set('allowCanaryHeader', values['allow-canary-header']);
  set('debugHeaders', values['debug-headers']);
  set('quiet', values.quiet);
  return input;
}

export async function start(args: string[]): Promise<number> {
  let input: ConfigInput | undefined;
  try {
    input = startOptions(args);
  } catch (err) {
    throw err instanceof ConfigError ? err : new ConfigError((err as Error).message);
  }
  if (!input) {
    console.log(HELP);
    return 0;
  }
  const kanaria = await startKanaria(input).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new ConfigError(`port ${input!.port ?? 4566} is already in use (try --port)`);
    throw err;
  });
  kanaria.log.info(`Kanaria listening on ${kanaria.url}${kanaria.config.ephemeral ? ' (ephemeral state)' : ` (state in ${kanaria.config.dataDir})`}`);
  kanaria.log.info(`  aws --endpoint-url ${kanaria.url} apigateway get-rest-apis`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await kanaria.dispose();
  return 0;
}
