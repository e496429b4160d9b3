// `kanaria rollout start|status|pause|resume|promote|abort|list`: a client of a running
// Kanaria's /_kanaria/rollouts API. Flags become the API's JSON (the server checks them and its
// messages are printed as they are); `--watch` follows a rollout with a progress display.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { endpointOf, unreachable } from './endpoint.js';
import { formatList, formatRollout, progressLine } from '../rollouts/text.js';
import type { RolloutSummary, RolloutView } from '../rollouts/view.js';

const HELP = `usage: kanaria rollout <command> [options]

commands:
  start     --api ID --stage NAME --plan PLAN [options]   start a rollout of the stage's canary
  status    [ID | --api ID --stage NAME] [--watch]         where a rollout is (the stage's newest)
  pause     [ID | --api ID --stage NAME]                   stop the clock; the weight stays
  resume    [ID | --api ID --stage NAME]                   carry on with the rest of the hold
  promote   [ID | --api ID --stage NAME] [--reason TEXT]   skip to the end: promote the canary now
  abort     [ID | --api ID --stage NAME] [--reason TEXT]   roll back now
  list      [--api ID] [--stage NAME] [--active]           rollouts, newest first

start options:
  --plan PLAN                    Canary10Percent5Minutes (…10/15/30Minutes), Linear10PercentEvery1Minute
                                 (…2/3/10Minutes), AllAtOnce (CodeDeployDefault.Lambda… too), or JSON steps
                                 '[{"weight":10,"hold":"2m"},{"weight":50,"hold":"5m"}]'
  --time-scale X                 multiply every hold (0.01 makes 5 minutes 3 s)
  --deployment ID                create the canary from this deployment (else use the stage's canary)
  --override NAME=VALUE          a canary stage variable override, with --deployment (repeatable)
  --min-requests N               canary requests before the gates judge (default 20)
  --window DUR --interval DUR    gate window (default 60s, real time) and check interval (default 10s, scaled)
  --on-insufficient-data wait|pass   at a hold's end without enough canary traffic (default wait)
  --max-error-rate PCT           canary 5XX rate cap (default 5)
  --max-error-rate-over-base PTS canary 5XX rate above base's, in points (default 2)
  --p99-ratio X --p99-tolerance-ms MS --p99-max-ms MS   latency gate (defaults 2, 50, none)
  --no-error-gate --no-latency-gate
  --alarm JSON                   '{"metric":"5XXError","statistic":"Average","threshold":0.05}'
  --pre-traffic-hook FN --post-traffic-hook FN   BeforeAllowTraffic / AfterAllowTraffic functions
  --sticky-header NAME | --sticky-cookie NAME    keep each client on one variant
  --region R  --watch  --json

common: --endpoint URL (default $KANARIA_ENDPOINT or http://127.0.0.1:4566), --json`;

const OPTIONS = {
  endpoint: { type: 'string' },
  api: { type: 'string' },
  stage: { type: 'string' },
  plan: { type: 'string' },
  'time-scale': { type: 'string' },
  deployment: { type: 'string' },
  override: { type: 'string', multiple: true },
  'min-requests': { type: 'string' },
  window: { type: 'string' },
  interval: { type: 'string' },
  'on-insufficient-data': { type: 'string' },
  'max-error-rate': { type: 'string' },
  'max-error-rate-over-base': { type: 'string' },
  'p99-ratio': { type: 'string' },
  'p99-tolerance-ms': { type: 'string' },
  'p99-max-ms': { type: 'string' },
  'no-error-gate': { type: 'boolean' },
  'no-latency-gate': { type: 'boolean' },
  alarm: { type: 'string' },
  'pre-traffic-hook': { type: 'string' },
  'post-traffic-hook': { type: 'string' },
  'sticky-header': { type: 'string' },
  'sticky-cookie': { type: 'string' },
  region: { type: 'string' },
  reason: { type: 'string' },
  active: { type: 'boolean' },
  watch: { type: 'boolean' },
  refresh: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function num(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`--${flag} must be a number, got '${value}'`);
  return n;
}

function json(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`--${flag} is not valid JSON (${(err as Error).message})`);
  }
}

/** Only the fields given, so the server's defaults apply to the rest. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The fields given, or undefined when none is (the whole section is then left to the server). */
function some(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const d = defined(o);
  return Object.keys(d).length > 0 ? d : undefined;
}

function startBody(v: Values): Record<string, unknown> {
  if (!v.api || !v.stage || !v.plan) throw new ConfigError('rollout start needs --api ID, --stage NAME and --plan PLAN');
  const overrides = v.override?.map((o) => {
    const eq = o.indexOf('=');
    if (eq < 1) throw new ConfigError(`--override must be NAME=VALUE, got '${o}'`);
    return [o.slice(0, eq), o.slice(eq + 1)];
  });
  const errorRate = v['no-error-gate'] ? false : some({ max: num('max-error-rate', v['max-error-rate']), maxOverBase: num('max-error-rate-over-base', v['max-error-rate-over-base']) });
  const latency = v['no-latency-gate']
    ? false
    : some({ p99Ratio: num('p99-ratio', v['p99-ratio']), p99ToleranceMs: num('p99-tolerance-ms', v['p99-tolerance-ms']), p99MaxMs: num('p99-max-ms', v['p99-max-ms']) });
  const gates = some({
    minRequests: num('min-requests', v['min-requests']),
    window: v.window,
    interval: v.interval,
    onInsufficientData: v['on-insufficient-data'],
    errorRate,
    latency,
    alarm: v.alarm === undefined ? undefined : json('alarm', v.alarm),
  });
  const hooks = some({ preTraffic: v['pre-traffic-hook'], postTraffic: v['post-traffic-hook'] });
  const sticky = some({ header: v['sticky-header'], cookie: v['sticky-cookie'] });
  return defined({
    restApiId: v.api,
    stageName: v.stage,
    region: v.region,
    plan: /^\s*[[{]/.test(v.plan) ? json('plan', v.plan) : v.plan,
    timeScale: num('time-scale', v['time-scale']),
    deploymentId: v.deployment,
    stageVariableOverrides: overrides ? Object.fromEntries(overrides) : undefined,
    gates,
    hooks,
    sticky,
  });
}

function client(endpoint: string) {
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, endpoint), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw unreachable(endpoint, err);
    }
    const text = await res.text();
    let parsed: { message?: string } | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(`${endpoint} answered ${res.status} with something other than JSON: is it Kanaria?`);
    }
    if (!res.ok) throw new ConfigError(parsed?.message ?? `HTTP ${res.status}`);
    return parsed as T;
  };
}

type Call = ReturnType<typeof client>;

/** The rollout a command is about: the id given, else the stage's active one (for `status`, its newest). */
async function target(call: Call, v: Values, ids: string[], activeOnly: boolean): Promise<string> {
  if (ids[0]) return ids[0];
  if (!v.api || !v.stage) throw new ConfigError('name the rollout: its ID, or --api ID --stage NAME');
  const query = new URLSearchParams({ restApiId: v.api, stageName: v.stage, ...(activeOnly ? { active: 'true' } : {}) });
  const { rollouts } = await call<{ rollouts: RolloutSummary[] }>('GET', `/_kanaria/rollouts?${query}`);
  const found = rollouts.find((r) => r.active) ?? (activeOnly ? undefined : rollouts[0]);
  if (!found) throw new ConfigError(`no ${activeOnly ? 'rollout in progress' : 'rollout'} on stage ${v.stage} of REST API ${v.api}`);
  return found.id;
}

async function watch(call: Call, id: string, refreshMs: number): Promise<number> {
  const out = process.stdout;
  let last = '';
  for (;;) {
    const view = await call<RolloutView>('GET', `/_kanaria/rollouts/${encodeURIComponent(id)}`);
    if (out.isTTY) out.write(`\x1b[H\x1b[2J${formatRollout(view, { historyLines: Math.max(5, (out.rows ?? 40) - 16) })}\n`);
    else {
      const key = `${view.status}/${view.step.number}/${view.weight}/${view.step.waitingForTraffic}`;
      if (key !== last) out.write(`${progressLine(view)}\n`);
      last = key;
    }
    if (!view.active) {
      if (!out.isTTY) out.write(`${formatRollout(view)}\n`);
      return view.status === 'succeeded' ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, refreshMs));
  }
}

function show(v: Values, view: RolloutView): number {
  console.log(v.json ? JSON.stringify(view, null, 2) : formatRollout(view));
  return 0;
}

export async function rollout(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') return (console.log(HELP), 0);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new ConfigError(`rollout ${command}: ${(err as Error).message}`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return (console.log(HELP), 0);
  const call = client(endpointOf(v.endpoint));
  const refresh = num('refresh', v.refresh) ?? 500;
  switch (command) {
    case 'start': {
      const view = await call<RolloutView>('POST', '/_kanaria/rollouts', startBody(v));
      return v.watch ? watch(call, view.id, refresh) : show(v, view);
    }
    case 'status': {
      const id = await target(call, v, positionals, false);
      return v.watch ? watch(call, id, refresh) : show(v, await call<RolloutView>('GET', `/_kanaria/rollouts/${encodeURIComponent(id)}`));
    }
    case 'pause':
    case 'resume':
    case 'promote':
    case 'abort': {
      const id = await target(call, v, positionals, true);
      return show(v, await call<RolloutView>('POST', `/_kanaria/rollouts/${encodeURIComponent(id)}/${command}`, v.reason ? { reason: v.reason } : {}));
    }
    case 'list': {
      const query = new URLSearchParams(defined({ restApiId: v.api, stageName: v.stage, active: v.active ? 'true' : undefined }) as Record<string, string>);
      const { rollouts } = await call<{ rollouts: RolloutSummary[] }>('GET', `/_kanaria/rollouts?${query}`);
      console.log(v.json ? JSON.stringify(rollouts, null, 2) : formatList(rollouts));
      return 0;
    }
    default:
      throw new ConfigError(`unknown rollout command '${command}'; use start, status, pause, resume, promote, abort or list`);
  }
}
