// Parameter mapping of non-proxy integrations (request-response-data-mappings):
// `integration.request.{header,querystring,path}.X` from `method.request.{header,querystring,path}.Y`,
// `method.request.body[.JSONPath]`, `stageVariables.Y`, `context.Y` or a 'literal'; and
// `method.response.header.X` from `integration.response.{header,body[.JSONPath]}` the same way.
import { evaluateJsonPath } from '../templates/json-path.js';

export interface RequestSources {
  path: Record<string, string>;
  querystring: Record<string, string[]>;
  /** Names lower-cased. */
  header: Record<string, string[]>;
  body: string;
  stageVariables: Readonly<Record<string, string>> | null;
  context: Record<string, unknown>;
}

export interface MappedRequest {
  header: Record<string, string>;
  querystring: Record<string, string[]>;
  path: Record<string, string>;
}

function jsonValue(body: string, path: string): string | undefined {
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return undefined;
  }
  const v = evaluateJsonPath(root, path);
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function contextValue(context: Record<string, unknown>, dotted: string): string | undefined {
  let v: unknown = context;
  for (const part of dotted.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? undefined : String(v);
}

/** The values of one mapping source expression (a list, for multi-value sources). */
function requestSource(expr: string, src: RequestSources): string[] | undefined {
  if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) return [expr.slice(1, -1)];
  const last = (list: string[] | undefined) => (list && list.length > 0 ? [list[list.length - 1]] : undefined);
  const dot = (prefix: string) => (expr.startsWith(prefix) ? expr.slice(prefix.length) : undefined);
  let name: string | undefined;
  if ((name = dot('method.request.path.')) !== undefined) return src.path[name] === undefined ? undefined : [src.path[name]];
  if ((name = dot('method.request.querystring.')) !== undefined) return last(src.querystring[name]);
  if ((name = dot('method.request.multivaluequerystring.')) !== undefined) return src.querystring[name];
  if ((name = dot('method.request.header.')) !== undefined) return last(src.header[name.toLowerCase()]);
  if ((name = dot('method.request.multivalueheader.')) !== undefined) return src.header[name.toLowerCase()];
  if (expr === 'method.request.body') return [src.body];
  if ((name = dot('method.request.body.')) !== undefined) {
    const v = jsonValue(src.body, `$.${name}`);
    return v === undefined ? undefined : [v];
  }
  if ((name = dot('stageVariables.')) !== undefined) {
    const v = src.stageVariables?.[name];
    return v === undefined ? undefined : [v];
  }
  if ((name = dot('context.')) !== undefined) {
    const v = contextValue(src.context, name);
    return v === undefined ? undefined : [v];
  }
  return undefined;
}

/** Applies `requestParameters`; sources that are absent map to nothing. */
export function mapRequestParameters(requestParameters: Readonly<Record<string, string>>, src: RequestSources): MappedRequest {
  const out: MappedRequest = { header: {}, querystring: {}, path: {} };
  for (const [target, expr] of Object.entries(requestParameters)) {
    const values = requestSource(expr, src);
    if (!values || values.length === 0) continue;
    const m = /^integration\.request\.(header|querystring|path)\.(.+)$/.exec(target);
    if (!m) continue;
    if (m[1] === 'querystring') out.querystring[m[2]] = values;
    else out[m[1] as 'header' | 'path'][m[2]] = values.join(',');
  }
  return out;
}

export interface ResponseSources {
  /** Endpoint response headers, names lower-cased. */
  header: Record<string, string[]>;
  body: string;
  stageVariables: Readonly<Record<string, string>> | null;
  context: Record<string, unknown>;
}

/** Applies an integration response's `responseParameters`: the method response headers it sets. */
export function mapResponseParameters(responseParameters: Readonly<Record<string, string>>, src: ResponseSources): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [target, expr] of Object.entries(responseParameters)) {
    if (!target.startsWith('method.response.header.')) continue;
    const name = target.slice('method.response.header.'.length);
    let value: string | undefined;
    if (expr.length >= 2 && expr.startsWith("'") && expr.endsWith("'")) value = expr.slice(1, -1);
    else if (expr.startsWith('integration.response.header.')) value = src.header[expr.slice(28).toLowerCase()]?.at(-1);
    else if (expr.startsWith('integration.response.multivalueheader.')) value = src.header[expr.slice(38).toLowerCase()]?.join(',');
    else if (expr === 'integration.response.body') value = src.body;
    else if (expr.startsWith('integration.response.body.')) value = jsonValue(src.body, `$.${expr.slice(26)}`);
    else if (expr.startsWith('stageVariables.')) value = src.stageVariables?.[expr.slice(15)];
    else if (expr.startsWith('context.')) value = contextValue(src.context, expr.slice(8));
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Fills `{name}` placeholders of an HTTP integration URI from the mapped path parameters. */
export function renderUriPath(uri: string, path: Record<string, string>): string {
  return uri.replace(/\{([^{}+]+)\+?\}/g, (whole, name: string) => {
    const v = path[name];
    if (v === undefined) return whole;
    return v.split('/').map(encodeURIComponent).join('/');
  });
}
