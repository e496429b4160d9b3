// restJson1 (API Gateway, Lambda): the operation is found by HTTP method and URI template; members
// are bound to the URI, query string, headers or the JSON body as the model says. Errors carry
// their type in `x-amzn-ErrorType` and a JSON body of the error shape's members.
import type { AwsError } from '../errors.js';
import type { MemberRef, Operation, ServiceModel, Shape } from '../model.js';
import { shapeOf } from '../model.js';
import { memberPath, readValue, stringifyJson, WireTypeError, writeValue, type Path } from '../shapes.js';
import type { ServiceDefinition } from '../service.js';
import { pathParts } from '../../url-path.js';
import { errorMembers, errorStatus, inputPath, parseJsonBody, readInput, wireCode } from './common.js';
import type { ParsedCall, Protocol, WireRequest, WireResponse } from './protocol.js';

interface Segment {
  literal?: string;
  label?: string;
  greedy?: boolean;
}

interface Route {
  operation: Operation;
  segments: Segment[];
  /** Query parameters the URI template requires (`?mode=import`). */
  query: [string, string][];
  score: number;
  /** Has a `{label+}` segment (else the part count must match exactly). */
  greedy: boolean;
}

/** A method's routes, best score first, and the candidates for each path length (worked out on first use). */
interface MethodRoutes {
  routes: Route[];
  byLength: Map<number, Route[]>;
}

const routeCache = new WeakMap<ServiceModel, Map<string, MethodRoutes>>();

function compileRoutes(model: ServiceModel): Map<string, MethodRoutes> {
  const byMethod = new Map<string, MethodRoutes>();
  for (const operation of Object.values(model.operations)) {
    const [pathPart, queryPart] = operation.http.requestUri.split('?');
    const segments: Segment[] = pathParts(pathPart).map((part) => {
      const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
      return m ? { label: m[1], greedy: m[2] === '+' } : { literal: part };
    });
    const query = [...new URLSearchParams(queryPart ?? '')].map(([k, v]) => [k, v] as [string, string]);
    const literals = segments.filter((s) => s.literal !== undefined).length;
    const greedy = segments.filter((s) => s.greedy).length;
    const route: Route = { operation, segments, query, score: literals * 10 + query.length * 5 - greedy, greedy: greedy > 0 };
    const entry: MethodRoutes = byMethod.get(operation.http.method) ?? { routes: [], byLength: new Map() };
    entry.routes.push(route);
    byMethod.set(operation.http.method, entry);
  }
  for (const entry of byMethod.values()) entry.routes.sort((a, b) => b.score - a.score);
  return byMethod;
}

/** The routes that can match a path of `length` parts (a greedy label takes one or more), in score order. */
function candidates(entry: MethodRoutes, length: number): Route[] {
  let list = entry.byLength.get(length);
  if (!list) {
    list = entry.routes.filter((r) => (r.greedy ? r.segments.length <= length : r.segments.length === length));
    // Path lengths a client sends are few; a path longer than any route's is not remembered.
    if (length <= 32) entry.byLength.set(length, list);
  }
  return list;
}

/** Matches the decoded path parts against one route of the right length: literals are compared before any label is read. */
function matchRoute(route: Route, parts: string[], query: URLSearchParams): Record<string, string> | undefined {
  const segments = route.segments;
  for (let i = 0; i < segments.length; i++) {
    const literal = segments[i].literal;
    if (literal !== undefined && literal !== parts[i]) return undefined;
    if (segments[i].greedy) break;
  }
  for (const [k, v] of route.query) if (query.get(k) !== v) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.greedy) {
      labels[seg.label!] = parts.slice(i).join('/');
      break;
    }
    if (seg.label !== undefined) labels[seg.label] = parts[i];
  }
  return labels;
}

export function findOperation(service: ServiceDefinition, method: string, path: string, query: URLSearchParams): { operation: Operation; labels: Record<string, string> } | undefined {
  let routes = routeCache.get(service.model);
  if (!routes) routeCache.set(service.model, (routes = compileRoutes(service.model)));
  const entry = routes.get(method);
  if (!entry) return undefined;
  let parts: string[];
  try {
    // Decoded once here, not once per route tried.
    parts = pathParts(path);
    if (path.includes('%')) parts = parts.map(decodeURIComponent);
  } catch {
    return undefined;
  }
  for (const route of candidates(entry, parts.length)) {
    const labels = matchRoute(route, parts, query);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}

function headerValue(req: WireRequest, lowerName: string): string | undefined {
  const v = req.headers[lowerName];
  return Array.isArray(v) ? v.join(',') : v;
}

/** An input member bound to the URI, query string or headers, with what reading it needs. */
interface BoundMember {
  name: string;
  member: MemberRef;
  shape: Shape;
  /** The header name in lower case (`header`), the prefix (`headers`), else the location name. */
  key: string;
  /** Its path in validation messages. */
  path: Path;
}

/** How an operation's input is read: worked out from the model once per operation, not per request. */
interface InputPlan {
  shape: Shape | undefined;
  bound: BoundMember[];
  payload: { name: string; type: Shape['type']; locationName: string } | undefined;
}

/** How an operation's output is written (members in the model's order). */
interface OutputPlan {
  shape: Shape | undefined;
  headers: { name: string; wireName: string }[];
  statusCode: string | undefined;
  payload: { name: string; member: MemberRef; type: Shape['type'] } | undefined;
  hasBody: boolean;
}

const inputPlans = new WeakMap<Operation, InputPlan>();
const outputPlans = new WeakMap<Operation, OutputPlan>();

function inputPlan(service: ServiceDefinition, operation: Operation): InputPlan {
  let plan = inputPlans.get(operation);
  if (plan) return plan;
  const model = service.model;
  const shape = operation.input ? shapeOf(model, operation.input) : undefined;
  const bound: BoundMember[] = [];
  let payload: InputPlan['payload'];
  if (shape) {
    const path = inputPath(service, operation);
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      if (!member.location || member.location === 'statusCode') continue;
      const locationName = member.locationName ?? '';
      const key = member.location === 'header' || member.location === 'headers' ? locationName.toLowerCase() : locationName;
      // A URI label is named bare in AWS's validation messages (`at 'statusCode'`, not
      // `at 'putMethodResponseInput.statusCode'`) [AWS-recorded] test_apigateway_api.snapshot.json.
      bound.push({ name, member, shape: shapeOf(model, member), key, path: memberPath(member.location === 'uri' ? '' : path, name) });
    }
    if (shape.payload) {
      const member = shape.members![shape.payload];
      payload = { name: shape.payload, type: shapeOf(model, member).type, locationName: member.locationName ?? shape.payload };
    }
  }
  inputPlans.set(operation, (plan = { shape, bound, payload }));
  return plan;
}

function outputPlan(service: ServiceDefinition, operation: Operation): OutputPlan {
  let plan = outputPlans.get(operation);
  if (plan) return plan;
  const model = service.model;
  const shape = operation.output ? shapeOf(model, operation.output) : undefined;
  const members = Object.entries(shape?.members ?? {});
  const member = shape?.payload ? shape.members![shape.payload] : undefined;
  plan = {
    shape,
    headers: members.filter(([, m]) => m.location === 'header').map(([name, m]) => ({ name, wireName: m.locationName ?? name })),
    statusCode: members.find(([, m]) => m.location === 'statusCode')?.[0],
    payload: member ? { name: shape!.payload!, member, type: shapeOf(model, member).type } : undefined,
    hasBody: members.some(([, m]) => !m.location),
  };
  outputPlans.set(operation, plan);
  return plan;
}

export const restJson: Protocol = {
  parse(service: ServiceDefinition, req: WireRequest): ParsedCall {
    const found = findOperation(service, req.method, req.path, req.query);
    if (!found) throw service.errors.unknownOperation(`${req.method} ${req.path}`);
    const { operation, labels } = found;
    const model = service.model;
    const { shape, bound: members, payload } = inputPlan(service, operation);
    const failures: string[] = [];
    const bound: Record<string, unknown> = {};
    let body: Record<string, unknown> = {};
    if (shape) {
      const text = { fromText: true, failures };
      try {
        for (const b of members) {
          const raw = boundValue(b, req, labels);
          if (raw === undefined) continue;
          const value = readValue(model, b.member, raw, b.path, text);
          if (value !== undefined) bound[b.name] = value;
        }
      } catch (err) {
        if (err instanceof WireTypeError) throw service.errors.malformed(err.message);
        throw err;
      }
      if (payload) {
        if (payload.type === 'blob') bound[payload.name] = req.body;
        else if (payload.type === 'string') bound[payload.name] = req.body.toString('utf8');
        else body = { [payload.locationName]: parseJsonBody(service, req.body) };
      } else {
        body = parseJsonBody(service, req.body);
      }
    }
    return { operation, input: readInput(service, operation, shape, body, bound, failures) };
  },

  serialize(service: ServiceDefinition, operation: Operation, output: unknown, requestId: string): WireResponse {
    const model = service.model;
    const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, 'Content-Type': 'application/json' };
    let status = operation.http.responseCode ?? 200;
    if (!operation.output || output === undefined || output === null) return { status, headers, body: '' };
    const plan = outputPlan(service, operation);
    const value = output as Record<string, unknown>;
    for (const h of plan.headers) {
      const v = value[h.name];
      if (v !== undefined && v !== null) headers[h.wireName] = String(v);
    }
    if (plan.statusCode !== undefined) {
      const v = value[plan.statusCode];
      if (v !== undefined && v !== null) status = Number(v);
    }
    if (plan.payload) {
      const payload = value[plan.payload.name];
      if (plan.payload.type === 'blob' || plan.payload.type === 'string') {
        return { status, headers, body: payload === undefined ? '' : Buffer.isBuffer(payload) ? payload : String(payload) };
      }
      return { status, headers, body: stringifyJson(writeValue(model, plan.payload.member, payload, { timestamps: 'epoch-seconds' }) ?? {}) };
    }
    return { status, headers, body: plan.hasBody ? stringifyJson(writeValue(model, operation.output, output, { timestamps: 'epoch-seconds' })) : '' };
  },

  serializeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    return {
      status: errorStatus(service, error),
      headers: { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': wireCode(service, error), 'Content-Type': 'application/json' },
      body: JSON.stringify(errorMembers(service, error)),
    };
  },
};

function boundValue(b: BoundMember, req: WireRequest, labels: Record<string, string>): unknown {
  switch (b.member.location) {
    case 'uri':
      return labels[b.key];
    case 'querystring': {
      if (b.shape.type === 'list') {
        const all = req.query.getAll(b.key);
        return all.length > 0 ? all : undefined;
      }
      if (b.shape.type === 'map') {
        const map: Record<string, string> = {};
        for (const [k, v] of req.query) map[k] = v;
        return map;
      }
      return req.query.get(b.key) ?? undefined;
    }
    case 'header':
      return headerValue(req, b.key);
    case 'headers': {
      const prefix = b.key;
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && v !== undefined) map[k.slice(prefix.length)] = String(v);
      return Object.keys(map).length > 0 ? map : undefined;
    }
    default:
      return undefined;
  }
}
