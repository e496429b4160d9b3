// The rollouts' JSON API (Kanaria's own, not AWS's), a front door of the listener:
//   GET  /_kanaria/rollouts[?restApiId=&stageName=&active=true|false]   summaries, newest first
//   POST /_kanaria/rollouts                                             start one (201)
//   GET  /_kanaria/rollouts/plans                                       the named plans, and the gates' defaults
//   GET  /_kanaria/rollouts/{id}                                        one rollout, for now
//   POST /_kanaria/rollouts/{id}/pause|resume|promote|abort             a command ({"reason"} optional)
// Errors answer {"message": …} with a 4XX status and change nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathUnder, sendJson, type FrontDoor } from '../listener.js';
import { DEFAULT_GATES } from './gates.js';
import { COMMANDS, RolloutError, type RolloutCommand, type Rollouts } from './rollouts.js';

const ROOT = '/_kanaria/rollouts';
const MAX_BODY = 64 * 1024;

/**
 * The gates a start request gets when it leaves them out, in the shape it would give them (so a
 * form can show them and send them back); there is no alarm by default.
 */
export const DEFAULT_GATES_INPUT = {
  minRequests: DEFAULT_GATES.minRequests,
  window: `${DEFAULT_GATES.windowSeconds}s`,
  interval: `${DEFAULT_GATES.intervalMs / 1000}s`,
  onInsufficientData: DEFAULT_GATES.onInsufficientData,
  errorRate: DEFAULT_GATES.errorRate ?? false,
  latency: DEFAULT_GATES.latency ? Object.fromEntries(Object.entries(DEFAULT_GATES.latency).filter(([, v]) => v !== null)) : false,
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new RolloutError(413, `request body over ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new RolloutError(400, `malformed JSON in request body: ${(err as Error).message}`);
  }
}

function notAllowed(method: string, path: string, allow: string): never {
  throw new RolloutError(405, `${method} is not allowed on ${path} (allowed: ${allow})`, allow);
}

async function route(rollouts: Rollouts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  let parts: string[];
  try {
    parts = url.pathname.slice(ROOT.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new RolloutError(400, `malformed path ${url.pathname}`);
  }
  if (parts.length === 0) {
    if (method === 'GET') return sendJson(res, 200, { rollouts: rollouts.list(Object.fromEntries(url.searchParams)) });
    if (method === 'POST') {
      const body = await readJson(req);
      if (body === undefined) throw new RolloutError(400, 'a rollout needs a JSON body: {"restApiId": …, "stageName": …, "plan": …}');
      return sendJson(res, 201, await rollouts.start(body));
    }
    return notAllowed(method, url.pathname, 'GET, POST');
  }
  const [id, command, ...rest] = parts;
  if (rest.length > 0) throw new RolloutError(404, `no such path ${url.pathname}`);
  if (command === undefined) {
    if (method !== 'GET') return notAllowed(method, url.pathname, 'GET');
    return sendJson(res, 200, id === 'plans' ? { plans: rollouts.plans(), gates: DEFAULT_GATES_INPUT } : rollouts.get(id));
  }
  if (!COMMANDS.includes(command as RolloutCommand)) throw new RolloutError(404, `unknown command '${command}'; use one of ${COMMANDS.join(', ')}`);
  if (method !== 'POST') return notAllowed(method, url.pathname, 'POST');
  return sendJson(res, 200, rollouts.command(id, command as RolloutCommand, await readJson(req)));
}

export function createRolloutsDoor(rollouts: Rollouts): FrontDoor {
  return {
    name: 'rollouts',
    claims(req) {
      const path = pathUnder(req, ROOT);
      return path === ROOT || (path?.startsWith(`${ROOT}/`) ?? false);
    },
    async handle(req, res) {
      try {
        await route(rollouts, req, res);
      } catch (err) {
        if (!(err instanceof RolloutError)) throw err;
        if (err.allow) res.setHeader('Allow', err.allow);
        sendJson(res, err.status, { message: err.message });
      }
    },
  };
}
