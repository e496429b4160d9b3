// One immutable route table per deployment: the snapshot's resources compiled once into a trie of
// path parts (literal, `{param}`, greedy `{proxy+}`) and matched per request. It knows nothing
// of stages, canaries or integrations: what a method compiles to is the caller's business (`M`).
import type { Method, Resource } from '../aws/generated/apigateway.js';
import { pathParts } from '../url-path.js';

export interface RouteResource<M> {
  id: string;
  /** The resource template, `/pets/{petId}`. */
  path: string;
  /** By HTTP method as configured (`GET`, `ANY`, …). */
  methods: Readonly<Record<string, M>>;
}

export interface RouteMatch<M> {
  resource: RouteResource<M>;
  method: M;
  /** Decoded values by parameter name; null when the resource has none (as the proxy event says). */
  pathParameters: Record<string, string> | null;
}

export interface RouteTable<M> {
  readonly resources: readonly RouteResource<M>[];
  /** The resource and method serving `httpMethod` on `path` (no stage prefix), or null (→ 403). */
  match(httpMethod: string, path: string): RouteMatch<M> | null;
}

interface Node<M> {
  literals: Map<string, Node<M>> | null;
  param: { name: string; node: Node<M> } | null;
  greedy: { name: string; resource: RouteResource<M> } | null;
  resource: RouteResource<M> | null;
}

const newNode = <M>(): Node<M> => ({ literals: null, param: null, greedy: null, resource: null });

const PARAM = /^\{([^{}+]+)\}$/;
const GREEDY = /^\{([^{}+]+)\+\}$/;

function decode(part: string): string {
  if (part.indexOf('%') === -1) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Compiles the resources of a deployment snapshot. `compileMethod` runs once per method (that is
 * where templates get parsed and URIs analysed), never per request. The table is frozen.
 */
export function compileRouteTable<M>(snapshot: readonly Resource[], compileMethod: (resource: Resource, httpMethod: string, method: Method) => M): RouteTable<M> {
  const root = newNode<M>();
  const resources: RouteResource<M>[] = [];
  for (const r of snapshot) {
    if (!r.path) continue;
    const methods: Record<string, M> = {};
    for (const [httpMethod, method] of Object.entries(r.resourceMethods ?? {})) methods[httpMethod] = compileMethod(r, httpMethod, method);
    const resource: RouteResource<M> = Object.freeze({ id: r.id ?? '', path: r.path, methods: Object.freeze(methods) });
    resources.push(resource);
    insert(root, pathParts(r.path), resource);
  }
  freezeNode(root);
  return Object.freeze({ resources: Object.freeze(resources), match: (httpMethod: string, path: string) => match(root, httpMethod, path) });
}

function insert<M>(root: Node<M>, parts: string[], resource: RouteResource<M>): void {
  let node = root;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const greedy = GREEDY.exec(part);
    if (greedy) {
      // A greedy part is always the last one (the control plane refuses children below it).
      node.greedy = { name: greedy[1], resource };
      return;
    }
    const param = PARAM.exec(part);
    if (param) {
      if (!node.param) node.param = { name: param[1], node: newNode() };
      node = node.param.node;
    } else {
      node.literals ??= new Map();
      let next = node.literals.get(part);
      if (!next) node.literals.set(part, (next = newNode()));
      node = next;
    }
  }
  node.resource = resource;
}

function freezeNode<M>(node: Node<M>): void {
  if (node.literals) for (const child of node.literals.values()) freezeNode(child);
  if (node.param) freezeNode(node.param.node);
  Object.freeze(node);
}

function methodOf<M>(resource: RouteResource<M>, httpMethod: string): M | undefined {
  return resource.methods[httpMethod] ?? resource.methods.ANY;
}

function match<M>(root: Node<M>, httpMethod: string, path: string): RouteMatch<M> | null {
  const parts = pathParts(path);
  const params: string[] = [];
  const found = walk(root, parts, 0, httpMethod, params);
  if (!found) return null;
  let pathParameters: Record<string, string> | null = null;
  if (params.length > 0) {
    pathParameters = {};
    for (let i = 0; i < params.length; i += 2) pathParameters[params[i]] = params[i + 1];
  }
  return { resource: found.resource, method: found.method, pathParameters };
}

/**
 * Depth first, most specific first: a literal part beats `{param}`, which beats `{proxy+}`; a
 * branch whose resource lacks the method gives way to the next one (so `/pets` without POST lets
 * `/{proxy+}` ANY serve a POST).
 */
function walk<M>(node: Node<M>, parts: string[], i: number, httpMethod: string, params: string[]): { resource: RouteResource<M>; method: M } | null {
  if (i === parts.length) {
    if (!node.resource) return null;
    const method = methodOf(node.resource, httpMethod);
    return method === undefined ? null : { resource: node.resource, method };
  }
  const part = decode(parts[i]);
  const literal = node.literals?.get(part);
  if (literal) {
    const found = walk(literal, parts, i + 1, httpMethod, params);
    if (found) return found;
  }
  if (node.param) {
    params.push(node.param.name, part);
    const found = walk(node.param.node, parts, i + 1, httpMethod, params);
    if (found) return found;
    params.length -= 2;
  }
  if (node.greedy) {
    const method = methodOf(node.greedy.resource, httpMethod);
    if (method !== undefined) {
      let rest = part;
      for (let j = i + 1; j < parts.length; j++) rest += '/' + decode(parts[j]);
      params.push(node.greedy.name, rest);
      return { resource: node.greedy.resource, method };
    }
  }
  return null;
}
