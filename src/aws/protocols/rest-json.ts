// restJson1 (API Gateway, Lambda): the operation is found by HTTP method and URI template; members
// are bound to the URI, query string, headers or the JSON body as the model says. Errors carry
// their type in `x-amzn-ErrorType` and a JSON body of the error shape's members.
import type { AwsError } from '../errors.js';
import type { MemberRef, Operation, ServiceModel } from '../model.js';
import { shapeOf } from '../model.js';
import { memberPath, readValue, stringifyJson, WireTypeError, writeValue } from '../shapes.js';
import type { ServiceDefinition } from '../service.js';
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
}

const routeCache = new WeakMap<ServiceModel, Map<string, Route[]>>();

function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

function compileRoutes(model: ServiceModel): Map<string, Route[]> {
  const byMethod = new Map<string, Route[]>();
  for (const operation of Object.values(model.operations)) {
    const [pathPart, queryPart] = operation.http.requestUri.split('?');
    const segments: Segment[] = splitPath(pathPart).map((part) => {
      const m = /^\{([^}+]+)(\+?)\}$/.exec(part);
      return m ? { label: m[1], greedy: m[2] === '+' } : { literal: part };
    });
    const query = [...new URLSearchParams(queryPart ?? '')].map(([k, v]) => [k, v] as [string, string]);
    const literals = segments.filter((s) => s.literal !== undefined).length;
    const route: Route = { operation, segments, query, score: literals * 10 + query.length * 5 - segments.filter((s) => s.greedy).length };
    const list = byMethod.get(operation.http.method) ?? [];
    list.push(route);
    byMethod.set(operation.http.method, list);
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.score - a.score);
  return byMethod;
}

function matchRoute(route: Route, parts: string[], query: URLSearchParams): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (const seg of route.segments) {
    if (seg.greedy) {
      if (i >= parts.length) return undefined;
      labels[seg.label!] = parts.slice(i).map(decodeURIComponent).join('/');
      i = parts.length;
      continue;
    }
    if (i >= parts.length) return undefined;
    const part = decodeURIComponent(parts[i++]);
    if (seg.literal !== undefined) {
      if (seg.literal !== part) return undefined;
    } else labels[seg.label!] = part;
  }
  if (i !== parts.length) return undefined;
  for (const [k, v] of route.query) if (query.get(k) !== v) return undefined;
  return labels;
}

export function findOperation(service: ServiceDefinition, method: string, path: string, query: URLSearchParams): { operation: Operation; labels: Record<string, string> } | undefined {
  let routes = routeCache.get(service.model);
  if (!routes) routeCache.set(service.model, (routes = compileRoutes(service.model)));
  let parts: string[];
  try {
    parts = splitPath(path);
    parts.forEach((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  for (const route of routes.get(method) ?? []) {
    const labels = matchRoute(route, parts, query);
    if (labels) return { operation: route.operation, labels };
  }
  return undefined;
}

function headerValue(req: WireRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}

export const restJson: Protocol = {
  parse(service: ServiceDefinition, req: WireRequest): ParsedCall {
    const found = findOperation(service, req.method, req.path, req.query);
    if (!found) throw service.errors.unknownOperation(`${req.method} ${req.path}`);
    const { operation, labels } = found;
    const model = service.model;
    const shape = operation.input ? shapeOf(model, operation.input) : undefined;
    const failures: string[] = [];
    const bound: Record<string, unknown> = {};
    let body: Record<string, unknown> = {};
    if (shape) {
      const path = inputPath(service, operation);
      const text = { fromText: true, failures };
      try {
        for (const [name, member] of Object.entries(shape.members ?? {})) {
          const raw = boundValue(model, member, req, labels);
          if (raw === undefined) continue;
          // A URI label is named bare in AWS's validation messages (`at 'statusCode'`, not
          // `at 'putMethodResponseInput.statusCode'`) [AWS-recorded] test_apigateway_api.snapshot.json.
          const value = readValue(model, member, raw, memberPath(member.location === 'uri' ? '' : path, name), text);
          if (value !== undefined) bound[name] = value;
        }
      } catch (err) {
        if (err instanceof WireTypeError) throw service.errors.malformed(err.message);
        throw err;
      }
      if (shape.payload) {
        const member = shape.members![shape.payload];
        const payloadShape = shapeOf(model, member);
        if (payloadShape.type === 'blob') bound[shape.payload] = req.body;
        else if (payloadShape.type === 'string') bound[shape.payload] = req.body.toString('utf8');
        else body = { [member.locationName ?? shape.payload]: parseJsonBody(service, req.body) };
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
    const shape = shapeOf(model, operation.output);
    const value = output as Record<string, unknown>;
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const v = value[name];
      if (v === undefined || v === null) continue;
      if (member.location === 'header') headers[member.locationName ?? name] = String(v);
      else if (member.location === 'statusCode') status = Number(v);
    }
    if (shape.payload) {
      const member = shape.members![shape.payload];
      const payload = value[shape.payload];
      const payloadShape = shapeOf(model, member);
      if (payloadShape.type === 'blob' || payloadShape.type === 'string') {
        return { status, headers, body: payload === undefined ? '' : Buffer.isBuffer(payload) ? payload : String(payload) };
      }
      return { status, headers, body: stringifyJson(writeValue(model, member, payload, { timestamps: 'epoch-seconds' }) ?? {}) };
    }
    const hasBody = Object.values(shape.members ?? {}).some((m) => !m.location);
    return { status, headers, body: hasBody ? stringifyJson(writeValue(model, operation.output, output, { timestamps: 'epoch-seconds' })) : '' };
  },

  serializeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    return {
      status: errorStatus(service, error),
      headers: { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': wireCode(service, error), 'Content-Type': 'application/json' },
      body: JSON.stringify(errorMembers(service, error)),
    };
  },
};

function boundValue(model: ServiceModel, member: MemberRef, req: WireRequest, labels: Record<string, string>): unknown {
  switch (member.location) {
    case 'uri':
      return labels[member.locationName!];
    case 'querystring': {
      const shape = shapeOf(model, member);
      if (shape.type === 'list') {
        const all = req.query.getAll(member.locationName!);
        return all.length > 0 ? all : undefined;
      }
      if (shape.type === 'map') {
        const map: Record<string, string> = {};
        for (const [k, v] of req.query) map[k] = v;
        return map;
      }
      return req.query.get(member.locationName!) ?? undefined;
    }
    case 'header':
      return headerValue(req, member.locationName!);
    case 'headers': {
      const prefix = (member.locationName ?? '').toLowerCase();
      const map: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith(prefix) && v !== undefined) map[k.slice(prefix.length)] = String(v);
      return Object.keys(map).length > 0 ? map : undefined;
    }
    default:
      return undefined;
  }
}
