// Kanaria's rollout API (/_kanaria/rollouts, Kanaria's own, not AWS's) as the Rollout tab uses it:
// a stage's rollouts, the plans and gate defaults, one rollout's status, start and the commands.
// Changing calls are recorded with the others, each with the `kanaria rollout` command it equals.
import { sendJson, shellQuote } from './aws.js';

const ROOT = '/_kanaria/rollouts';
const enc = encodeURIComponent;

/** The `kanaria rollout start` flag of each start-body field the console sends (the CLI's names). */
const START_FLAGS = [
  ['timeScale', 'time-scale'],
  ['deploymentId', 'deployment'],
  ['gates.minRequests', 'min-requests'],
  ['gates.interval', 'interval'],
  ['gates.window', 'window'],
  ['gates.onInsufficientData', 'on-insufficient-data'],
  ['gates.errorRate.max', 'max-error-rate'],
  ['gates.errorRate.maxOverBase', 'max-error-rate-over-base'],
  ['gates.latency.p99Ratio', 'p99-ratio'],
  ['gates.latency.p99ToleranceMs', 'p99-tolerance-ms'],
  ['gates.latency.p99MaxMs', 'p99-max-ms'],
  ['hooks.preTraffic', 'pre-traffic-hook'],
  ['hooks.postTraffic', 'post-traffic-hook'],
  ['sticky.header', 'sticky-header'],
  ['sticky.cookie', 'sticky-cookie'],
];

/** The value at a dotted `path` of `o` (`gates.errorRate.max`). */
export const valueAt = (o, path) => path.split('.').reduce((v, key) => v?.[key], o);

const endpoint = () => `--endpoint ${location.origin}`;

/** `npx kanaria rollout start …` for a start body. */
function startCli(body) {
  const plan = typeof body.plan === 'string' ? body.plan : JSON.stringify(body.plan);
  const flags = START_FLAGS.flatMap(([path, flag]) => {
    const v = valueAt(body, path);
    return v === undefined ? [] : [`--${flag} ${shellQuote(v)}`];
  });
  return ['npx kanaria rollout start', endpoint(), `--api ${shellQuote(body.restApiId)}`, `--stage ${shellQuote(body.stageName)}`, `--plan ${shellQuote(plan)}`, ...flags].join(' ');
}

/** `npx kanaria rollout pause|resume|promote|abort ID …`. */
export const commandCli = (id, command, body) => [`npx kanaria rollout ${command} ${shellQuote(id)}`, endpoint(), ...(body?.reason ? [`--reason ${shellQuote(body.reason)}`] : [])].join(' ');

const get = (path) => sendJson({ service: 'rollouts', operation: `GET ${path}`, method: 'GET', path });

export const rollouts = {
  /** The stage's rollouts, newest first (summaries). */
  list: (apiId, stageName) => get(`${ROOT}?restApiId=${enc(apiId)}&stageName=${enc(stageName)}`).then((a) => a.rollouts),
  /** `{ plans: [{ name, steps }], gates }`: the named plans and the gates a start without them gets. */
  catalogue: () => get(`${ROOT}/plans`),
  get: (id) => get(`${ROOT}/${enc(id)}`),
  start: (body) =>
    sendJson({ service: 'rollouts', operation: 'StartRollout', method: 'POST', path: ROOT, body, scope: { apiId: body.restApiId, stageName: body.stageName } }, () => startCli(body)),
  /** pause | resume | promote | abort; `body` may carry `{ reason }` (promote and abort). */
  command: (view, command, body) =>
    sendJson(
      { service: 'rollouts', operation: `${command[0].toUpperCase()}${command.slice(1)}Rollout`, method: 'POST', path: `${ROOT}/${enc(view.id)}/${command}`, body, scope: { apiId: view.restApiId, stageName: view.stageName } },
      () => commandCli(view.id, command, body),
    ),
};
