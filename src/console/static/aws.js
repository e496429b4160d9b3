// The console's only way to change anything: the public AWS operations on this origin, exactly
// as a CLI user would call them (API Gateway's REST paths, CloudWatch Logs' JSON target), and
// Kanaria's own rollout API (rollout-api.js). Each changing call is recorded with the command
// that does the same, so the page can show what it sent.

/** An AWS error answer: `x-amzn-ErrorType` (or `__type`) and its `message`. */
export class ApiError extends Error {
  constructor(status, type, message, call) {
    super(message);
    this.status = status;
    this.type = type;
    this.call = call;
  }
}

const listeners = new Set();
/** The last changing calls, newest last, kept while the page is open (pages re-render). */
const recent = [];

/** The recorded calls that match `filter` (newest first). */
export const recentCalls = (filter = () => true) => recent.filter(filter).reverse();

/** Subscribes to every changing control-plane call once answered (`{ operation, method, path, body, status, errorType, cli }`). */
export function onCall(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** The AWS CLI command that makes the same call (for the operations the console sends). */
export function cliEquivalent(operation, params, body) {
  const endpoint = `--endpoint-url ${location.origin}`;
  const flags = Object.entries(params).map(([k, v]) => `--${k} ${shellQuote(v)}`);
  const json = (name, v) => (v === undefined ? [] : [`--${name} ${shellQuote(JSON.stringify(v))}`]);
  switch (operation) {
    case 'UpdateStage':
      return ['aws apigateway update-stage', endpoint, ...flags, ...json('patch-operations', body.patchOperations)].join(' ');
    case 'CreateDeployment': {
      const plain = ['stageName', 'description', 'stageDescription'].flatMap((k) =>
        body[k] === undefined ? [] : [`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${shellQuote(body[k])}`],
      );
      const variables = body.variables ? [`--variables ${shellQuote(Object.entries(body.variables).map(([k, v]) => `${k}=${v}`).join(','))}`] : [];
      return ['aws apigateway create-deployment', endpoint, ...flags, ...plain, ...variables, ...json('canary-settings', body.canarySettings)].join(' ');
    }
    default:
      return undefined;
  }
}

async function readAnswer(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/**
 * Sends `call` ({ service, operation, method, path, body }) with its body as JSON; a changing
 * call is recorded with `cli()`, the command that does the same. Throws ApiError.
 */
export async function sendJson(call, cli = () => undefined) {
  const { method, path, body } = call;
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await readAnswer(res);
  call.status = res.status;
  if (!res.ok) call.errorType = res.headers.get('x-amzn-ErrorType')?.split(':')[0] || `HTTP ${res.status}`;
  if (method !== 'GET') {
    call.cli = cli();
    recent.push(call);
    if (recent.length > 50) recent.shift();
    for (const fn of listeners) fn(call);
  }
  if (!res.ok) throw new ApiError(res.status, call.errorType, answer?.message ?? answer?.Message ?? res.statusText, call);
  return answer;
}

/**
 * Calls API Gateway's REST API (`apigateway('PATCH', '/restapis/x/stages/prod', body, meta)`);
 * `meta` names the operation and its CLI parameters for the record. Throws ApiError.
 */
export function apigateway(method, path, body, meta = {}) {
  const call = { service: 'apigateway', operation: meta.operation ?? `${method} ${path}`, method, path, body };
  return sendJson(call, () => (meta.operation ? cliEquivalent(meta.operation, meta.params ?? {}, body ?? {}) : undefined));
}

/** Calls CloudWatch Logs (awsJson1.1: `POST /` with `X-Amz-Target`). Throws ApiError. */
export async function logs(operation, input) {
  const res = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `Logs_20140328.${operation}` },
    body: JSON.stringify(input),
  });
  const answer = await readAnswer(res);
  if (!res.ok) throw new ApiError(res.status, String(answer?.__type ?? `HTTP ${res.status}`).split('#').pop(), answer?.message ?? res.statusText, { operation });
  return answer;
}

/** Kanaria's own read-only JSON endpoints (`/_kanaria/stages`, `/_kanaria/console/api/live`). */
export async function kanaria(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const answer = await readAnswer(res);
  if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`, answer?.message ?? res.statusText, { operation: path });
  return answer;
}

const enc = encodeURIComponent;

/** The stage operations the editor uses, named as AWS names them. */
export const stages = {
  get: (apiId, stageName) => apigateway('GET', `/restapis/${enc(apiId)}/stages/${enc(stageName)}`),
  list: (apiId) => apigateway('GET', `/restapis/${enc(apiId)}/stages`),
  update: (apiId, stageName, patchOperations) =>
    apigateway('PATCH', `/restapis/${enc(apiId)}/stages/${enc(stageName)}`, { patchOperations }, {
      operation: 'UpdateStage',
      params: { 'rest-api-id': apiId, 'stage-name': stageName },
    }),
};

export const deployments = {
  list: (apiId) => apigateway('GET', `/restapis/${enc(apiId)}/deployments?limit=500`),
  create: (apiId, input) => apigateway('POST', `/restapis/${enc(apiId)}/deployments`, input, { operation: 'CreateDeployment', params: { 'rest-api-id': apiId } }),
};

export const restApis = {
  list: () => apigateway('GET', '/restapis?limit=500'),
  get: (apiId) => apigateway('GET', `/restapis/${enc(apiId)}`),
  resources: (apiId) => apigateway('GET', `/restapis/${enc(apiId)}/resources?embed=methods&limit=500`),
};
