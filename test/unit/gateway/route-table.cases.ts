// Route matching cases shared by every route table implementation (Hono's common.case.test
// idea): a deployment's resources, requests, and the resource + path parameters AWS would pick.
// Sources: API Gateway's proxy resource rules (set-up-lambda-proxy-integrations: `{proxy+}` is
// greedy, more specific resources win, the root is `/`); trailing slashes are ignored and a
// greedy parameter excludes the trailing slash (AWS-recorded in localstack
// test_apigateway_lambda.snapshot.json: `/test-path/` → proxy `test-path`).
import type { Resource } from '../../../src/aws/generated/apigateway.js';

export interface RouteCase {
  name: string;
  resources: { path: string; methods: string[] }[];
  request: [method: string, path: string];
  /** The resource path and method key expected, or null for "no route" (→ 403). */
  expected: { resource: string; method: string; pathParameters: Record<string, string> | null } | null;
}

const PETS = [
  { path: '/', methods: ['GET'] },
  { path: '/pets', methods: ['GET', 'POST'] },
  { path: '/pets/{petId}', methods: ['GET', 'DELETE'] },
  { path: '/pets/{petId}/toys', methods: ['ANY'] },
  { path: '/pets/mine', methods: ['GET'] },
];

const PROXY = [
  { path: '/', methods: ['ANY'] },
  { path: '/{proxy+}', methods: ['ANY'] },
  { path: '/static', methods: ['GET'] },
  { path: '/api/{version}/{proxy+}', methods: ['GET'] },
];

export const ROUTE_CASES: RouteCase[] = [
  { name: 'root', resources: PETS, request: ['GET', '/'], expected: { resource: '/', method: 'GET', pathParameters: null } },
  { name: 'literal', resources: PETS, request: ['GET', '/pets'], expected: { resource: '/pets', method: 'GET', pathParameters: null } },
  { name: 'trailing slash ignored', resources: PETS, request: ['POST', '/pets/'], expected: { resource: '/pets', method: 'POST', pathParameters: null } },
  { name: 'path parameter', resources: PETS, request: ['GET', '/pets/42'], expected: { resource: '/pets/{petId}', method: 'GET', pathParameters: { petId: '42' } } },
  { name: 'literal beats parameter', resources: PETS, request: ['GET', '/pets/mine'], expected: { resource: '/pets/mine', method: 'GET', pathParameters: null } },
  { name: 'parameter when the literal lacks the method', resources: PETS, request: ['DELETE', '/pets/mine'], expected: { resource: '/pets/{petId}', method: 'DELETE', pathParameters: { petId: 'mine' } } },
  { name: 'ANY serves every method', resources: PETS, request: ['PATCH', '/pets/7/toys'], expected: { resource: '/pets/{petId}/toys', method: 'ANY', pathParameters: { petId: '7' } } },
  { name: 'decoded parameter value', resources: PETS, request: ['GET', '/pets/a%20b'], expected: { resource: '/pets/{petId}', method: 'GET', pathParameters: { petId: 'a b' } } },
  { name: 'method not set up', resources: PETS, request: ['PUT', '/pets'], expected: null },
  { name: 'unknown path', resources: PETS, request: ['GET', '/owners'], expected: null },
  { name: 'too deep', resources: PETS, request: ['GET', '/pets/1/toys/2'], expected: null },
  { name: 'greedy one part', resources: PROXY, request: ['GET', '/anything'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'anything' } } },
  { name: 'greedy many parts', resources: PROXY, request: ['POST', '/a/b/c'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'a/b/c' } } },
  { name: 'greedy without the trailing slash', resources: PROXY, request: ['GET', '/test-path/'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'test-path' } } },
  { name: 'root is not greedy', resources: PROXY, request: ['GET', '/'], expected: { resource: '/', method: 'ANY', pathParameters: null } },
  { name: 'literal beats greedy', resources: PROXY, request: ['GET', '/static'], expected: { resource: '/static', method: 'GET', pathParameters: null } },
  { name: 'greedy when the literal lacks the method', resources: PROXY, request: ['POST', '/static'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'static' } } },
  { name: 'greedy under a literal below the literal', resources: PROXY, request: ['GET', '/static/x'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'static/x' } } },
  {
    name: 'parameters before a nested greedy',
    resources: PROXY,
    request: ['GET', '/api/v2/users/7'],
    expected: { resource: '/api/{version}/{proxy+}', method: 'GET', pathParameters: { version: 'v2', proxy: 'users/7' } },
  },
  { name: 'nested greedy falls back to the root greedy for other methods', resources: PROXY, request: ['PUT', '/api/v2/users'], expected: { resource: '/{proxy+}', method: 'ANY', pathParameters: { proxy: 'api/v2/users' } } },
  { name: 'no resources at all', resources: [], request: ['GET', '/'], expected: null },
];

/** The cases' resources as a deployment snapshot holds them. */
export function snapshotOf(resources: RouteCase['resources']): Resource[] {
  return resources.map((r, i) => ({
    id: `r${i}`,
    path: r.path,
    pathPart: r.path.split('/').pop(),
    resourceMethods: Object.fromEntries(r.methods.map((m) => [m, { httpMethod: m, authorizationType: 'NONE' }])),
  }));
}
