// The three invoke URL forms Kanaria serves a stage at, read and written in one place:
//   host style    http://{apiId}.execute-api.localhost:{port}/{stage}/{path}   (any `{apiId}.execute-api.*` host)
//   path style    http://localhost:{port}/_aws/execute-api/{apiId}/{stage}/{path}
//   legacy        http://localhost:{port}/restapis/{apiId}/{stage}/_user_request_/{path}
// (LocalStack's forms, reference §7; AWS's own is https://{apiId}.execute-api.{region}.amazonaws.com/{stage}/{path}.)
import type { IncomingMessage } from 'node:http';

export type InvokeStyle = 'host' | 'path' | 'legacy';

export interface InvokeTarget {
  style: InvokeStyle;
  apiId: string;
  /** Empty when the URL names no stage. */
  stageName: string;
  /** The path after the stage as sent (not decoded), at least `/`. */
  path: string;
  /** The query string without `?` (empty when none). */
  rawQuery: string;
}

const HOST = /^([A-Za-z0-9]+)\.execute-api\./;
const PATH_PREFIX = '/_aws/execute-api/';
const LEGACY = /^\/restapis\/([^/?]+)\/([^/?]+)\/_user_request_(?=\/|\?|$)/;

/** The front door's cheap test: does this request invoke a stage? (Never reads the body.) */
export function claimsInvocation(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  if (url.startsWith(PATH_PREFIX)) return true;
  if (url.startsWith('/restapis/') && LEGACY.test(url)) return true;
  const host = req.headers.host;
  return host !== undefined && HOST.test(host);
}

/** `/{first}/{rest…}` read from `from` (the slash before `first`): the first part and the rest (at least `/`). */
function firstAndRest(path: string, from: number): { first: string; rest: string } {
  const slash = path.indexOf('/', from + 1);
  return slash === -1 ? { first: path.slice(from + 1), rest: '/' } : { first: path.slice(from + 1, slash), rest: path.slice(slash) };
}

/** Reads the API, stage and path an invocation names; undefined when it names none. */
export function parseInvokeTarget(host: string | undefined, url: string): InvokeTarget | undefined {
  const q = url.indexOf('?');
  const fullPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  if (fullPath.startsWith(PATH_PREFIX)) {
    const api = firstAndRest(fullPath, PATH_PREFIX.length - 1);
    const stage = firstAndRest(api.rest, 0);
    return { style: 'path', apiId: api.first, stageName: stage.first, path: stage.rest, rawQuery };
  }
  const legacy = LEGACY.exec(fullPath);
  if (legacy) return { style: 'legacy', apiId: legacy[1], stageName: legacy[2], path: fullPath.slice(legacy[0].length) || '/', rawQuery };
  const byHost = host === undefined ? null : HOST.exec(host);
  if (byHost) {
    const stage = firstAndRest(fullPath || '/', 0);
    return { style: 'host', apiId: byHost[1], stageName: stage.first, path: stage.rest, rawQuery };
  }
  return undefined;
}

export interface InvokeUrls {
  host: string;
  path: string;
  legacy: string;
}

/**
 * The invoke URLs of a stage on a Kanaria reachable at `hostHeader` (`localhost:4566`); the host
 * style swaps the host name for `{apiId}.execute-api.localhost` and keeps the port.
 */
export function invokeUrls(hostHeader: string, apiId: string, stageName: string): InvokeUrls {
  const port = /:(\d+)$/.exec(hostHeader)?.[1];
  const origin = `http://${hostHeader}`;
  return {
    host: `http://${apiId}.execute-api.localhost${port ? `:${port}` : ''}/${stageName}/`,
    path: `${origin}/_aws/execute-api/${apiId}/${stageName}/`,
    legacy: `${origin}/restapis/${apiId}/${stageName}/_user_request_/`,
  };
}
