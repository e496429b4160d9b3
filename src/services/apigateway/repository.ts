// Reading and writing API Gateway documents for the operations: every lookup raises AWS's
// not-found error for what is missing. Callers run these inside one store.transaction().
import type { Integration, Method } from '../../aws/generated/apigateway.js';
import type { OpContext } from '../../aws/service.js';
import type { Store } from '../../store/store.js';
import { MESSAGES, notFound } from './errors.js';
import { newId } from './ids.js';
import {
  apiKey,
  deploymentKey,
  KIND,
  resourceKey,
  stageKey,
  type ApiScope,
  type StoredDeployment,
  type StoredResource,
  type StoredRestApi,
  type StoredStage,
} from './state.js';

export interface ApigatewayDeps {
  store: Store;
  /** The clock; tests may pin it. */
  now?: () => Date;
}

export const scopeOf = (ctx: OpContext): ApiScope => ({ accountId: ctx.accountId, region: ctx.region });

/** The data access of one operation call: the store, the caller's scope and the clock. */
export function repository(deps: ApigatewayDeps, ctx: OpContext) {
  const { store } = deps;
  const scope = scopeOf(ctx);
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();

  const api = (apiId: string): StoredRestApi => {
    const doc = store.get<StoredRestApi>(KIND.restApi, apiKey(scope, apiId));
    if (!doc) throw notFound(MESSAGES.api(ctx.accountId, apiId));
    return doc.data;
  };

  /** A resource of an API; a missing API answers like a missing resource [AWS-recorded]. */
  const resource = (apiId: string, resourceId: string): StoredResource => {
    const doc = store.get<StoredResource>(KIND.resource, resourceKey(scope, apiId, resourceId));
    if (!doc) throw notFound(MESSAGES.resource);
    return doc.data;
  };

  return {
    scope,
    now,
    api,
    resource,
    apiExists: (apiId: string) => store.get(KIND.restApi, apiKey(scope, apiId)) !== undefined,
    putApi: (data: StoredRestApi) => store.put(KIND.restApi, apiKey(scope, data.id!), data),
    listApis: () => store.list<StoredRestApi>(KIND.restApi, `${scope.accountId}/${scope.region}/`).map((d) => d.data),
    newApiId: () => newId((id) => store.get(KIND.restApi, apiKey(scope, id)) !== undefined),

    resources: (apiId: string) => store.list<StoredResource>(KIND.resource, `${apiKey(scope, apiId)}/`).map((d) => d.data),
    putResource: (data: StoredResource) => store.put(KIND.resource, resourceKey(scope, data._restApiId, data.id!), data),
    deleteResource: (apiId: string, resourceId: string) => store.delete(KIND.resource, resourceKey(scope, apiId, resourceId)),
    newResourceId: (apiId: string) => newId((id) => store.get(KIND.resource, resourceKey(scope, apiId, id)) !== undefined),

    deployment: (apiId: string, deploymentId: string): StoredDeployment => {
      const doc = store.get<StoredDeployment>(KIND.deployment, deploymentKey(scope, apiId, deploymentId));
      if (!doc) throw notFound(MESSAGES.deployment);
      return doc.data;
    },
    deploymentExists: (apiId: string, deploymentId: string) => store.get(KIND.deployment, deploymentKey(scope, apiId, deploymentId)) !== undefined,
    deployments: (apiId: string) => store.list<StoredDeployment>(KIND.deployment, `${apiKey(scope, apiId)}/`).map((d) => d.data),
    putDeployment: (data: StoredDeployment) => store.put(KIND.deployment, deploymentKey(scope, data._restApiId, data.id!), data),
    deleteDeployment: (apiId: string, deploymentId: string) => store.delete(KIND.deployment, deploymentKey(scope, apiId, deploymentId)),
    newDeploymentId: (apiId: string) => newId((id) => store.get(KIND.deployment, deploymentKey(scope, apiId, id)) !== undefined),

    findStage: (apiId: string, stageName: string) => store.get<StoredStage>(KIND.stage, stageKey(scope, apiId, stageName))?.data,
    stage: (apiId: string, stageName: string): StoredStage => {
      const doc = store.get<StoredStage>(KIND.stage, stageKey(scope, apiId, stageName));
      if (!doc) throw notFound(MESSAGES.stage);
      return doc.data;
    },
    stages: (apiId: string) => store.list<StoredStage>(KIND.stage, `${apiKey(scope, apiId)}/`).map((d) => d.data),
    putStage: (data: StoredStage) => store.put(KIND.stage, stageKey(scope, data._restApiId, data.stageName!), data),
    deleteStage: (apiId: string, stageName: string) => store.delete(KIND.stage, stageKey(scope, apiId, stageName)),

    /** Removes an API and everything stored under it. */
    deleteApi: (apiId: string) => {
      const prefix = `${apiKey(scope, apiId)}/`;
      for (const kind of [KIND.resource, KIND.deployment, KIND.stage]) store.deletePrefix(kind, prefix);
      store.delete(KIND.restApi, apiKey(scope, apiId));
    },
  };
}

export type Repository = ReturnType<typeof repository>;

export function methodOf(resource: StoredResource, httpMethod: string): Method {
  const method = resource.resourceMethods?.[httpMethod];
  if (!method) throw notFound(MESSAGES.method);
  return method;
}

/** A method or integration response by status code; AWS's 404 when missing [AWS-recorded]. */
export function responseOf<R>(responses: Record<string, R> | undefined, statusCode: string): R {
  const response = responses?.[statusCode];
  if (!response) throw notFound(MESSAGES.responseStatus);
  return response;
}

export function integrationOf(method: Method): Integration {
  if (!method.methodIntegration) throw notFound(MESSAGES.integration);
  return method.methodIntegration;
}

/**
 * Read-modify-write of one resource document (methods, integrations and responses live in it),
 * in one transaction: `edit` changes `resource` in place or throws, and nothing is written.
 */
export function editResource<T>(
  deps: ApigatewayDeps,
  ctx: OpContext,
  ids: { restApiId: string; resourceId: string },
  edit: (resource: StoredResource, r: Repository) => T,
): T {
  return deps.store.transaction(() => {
    const r = repository(deps, ctx);
    const resource = r.resource(ids.restApiId, ids.resourceId);
    const out = edit(resource, r);
    r.putResource(resource);
    return out;
  });
}
