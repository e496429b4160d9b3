// Building APIs for the gateway tests through the real control plane (SDK v3 calls), and
// calling their stages in each invoke URL form.
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateStageCommand,
  type PatchOperation,
  type Stage,
  type PutIntegrationCommandInput,
} from '@aws-sdk/client-api-gateway';
import { request as httpRequest } from 'node:http';
import type { KanariaFixture } from '../../helpers/kanaria.js';

export const apigateway = (k: KanariaFixture) => new APIGatewayClient(k.clientConfig);

export interface TestApi {
  client: APIGatewayClient;
  apiId: string;
  rootId: string;
  /** Resource ids by path (`/` is the root). */
  resources: Map<string, string>;
}

export async function createApi(client: APIGatewayClient, name: string, extra: { binaryMediaTypes?: string[] } = {}): Promise<TestApi> {
  const api = await client.send(new CreateRestApiCommand({ name, ...extra }));
  return { client, apiId: api.id!, rootId: api.rootResourceId!, resources: new Map([['/', api.rootResourceId!]]) };
}

/** The id of the resource at `path`, creating the missing parts (`/pets/{petId}`). */
export async function resource(api: TestApi, path: string): Promise<string> {
  const known = api.resources.get(path);
  if (known) return known;
  const parts = path.split('/').filter(Boolean);
  const parentPath = parts.length === 1 ? '/' : `/${parts.slice(0, -1).join('/')}`;
  const parentId = await resource(api, parentPath);
  const created = await api.client.send(new CreateResourceCommand({ restApiId: api.apiId, parentId, pathPart: parts[parts.length - 1] }));
  api.resources.set(path, created.id!);
  return created.id!;
}

export interface MethodSpec {
  path: string;
  httpMethod: string;
  integration: Omit<PutIntegrationCommandInput, 'restApiId' | 'resourceId' | 'httpMethod'>;
  authorizationType?: string;
  requestParameters?: Record<string, boolean>;
  /** Integration responses (non-proxy): status → selection pattern, templates, parameters. */
  responses?: { statusCode: string; selectionPattern?: string; responseTemplates?: Record<string, string>; responseParameters?: Record<string, string>; methodHeaders?: string[] }[];
}

export async function method(api: TestApi, spec: MethodSpec): Promise<void> {
  const resourceId = await resource(api, spec.path);
  const ids = { restApiId: api.apiId, resourceId, httpMethod: spec.httpMethod };
  await api.client.send(new PutMethodCommand({ ...ids, authorizationType: spec.authorizationType ?? 'NONE', requestParameters: spec.requestParameters }));
  await api.client.send(new PutIntegrationCommand({ ...ids, ...spec.integration }));
  for (const r of spec.responses ?? []) {
    const methodHeaders = Object.fromEntries((r.methodHeaders ?? []).map((h) => [`method.response.header.${h}`, false]));
    await api.client.send(new PutMethodResponseCommand({ ...ids, statusCode: r.statusCode, responseParameters: methodHeaders }));
    await api.client.send(
      new PutIntegrationResponseCommand({
        ...ids,
        statusCode: r.statusCode,
        selectionPattern: r.selectionPattern,
        responseTemplates: r.responseTemplates,
        responseParameters: r.responseParameters,
      }),
    );
  }
}

/** A MOCK method answering `status` with `template` as its application/json response template. */
export function mockMethod(api: TestApi, path: string, template: string, status = 200): Promise<void> {
  return method(api, {
    path,
    httpMethod: 'GET',
    integration: { type: 'MOCK', requestTemplates: { 'application/json': `{"statusCode": ${status}}` } },
    responses: [{ statusCode: String(status), responseTemplates: { 'application/json': template } }],
  });
}

/** Deploys the API; the first deployment to a new stage creates it. Returns the deployment id. */
export async function deploy(api: TestApi, stageName: string, options: { variables?: Record<string, string>; canary?: { percentTraffic: number; stageVariableOverrides?: Record<string, string> } } = {}): Promise<string> {
  const d = await api.client.send(
    new CreateDeploymentCommand({ restApiId: api.apiId, stageName, variables: options.variables, canarySettings: options.canary }),
  );
  return d.id!;
}

/** A deployment not attached to any stage yet. */
export async function deploymentOnly(api: TestApi): Promise<string> {
  const d = await api.client.send(new CreateDeploymentCommand({ restApiId: api.apiId }));
  return d.id!;
}

export async function createStage(api: TestApi, stageName: string, deploymentId: string, extra: Record<string, unknown> = {}): Promise<void> {
  await api.client.send(new CreateStageCommand({ restApiId: api.apiId, stageName, deploymentId, ...extra }));
}

/** GetStage without the SDK's `$metadata` (through `client`: another Kanaria than the one that built the API, say). */
export async function getStage(api: TestApi, stageName: string, client: APIGatewayClient = api.client): Promise<Stage> {
  const { $metadata: _m, ...stage } = await client.send(new GetStageCommand({ restApiId: api.apiId, stageName }));
  return stage;
}

export async function patchStage(api: TestApi, stageName: string, patchOperations: PatchOperation[]): Promise<void> {
  await api.client.send(new UpdateStageCommand({ restApiId: api.apiId, stageName, patchOperations }));
}

/** The path-style invoke URL of a stage path. */
export const stageUrl = (k: KanariaFixture, apiId: string, stage: string, path = '/') => `${k.url}/_aws/execute-api/${apiId}/${stage}${path}`;

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A raw HTTP request with any Host header (fetch cannot set it): for host-style invoke URLs. */
export function rawRequest(k: KanariaFixture, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: k.kanaria.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
