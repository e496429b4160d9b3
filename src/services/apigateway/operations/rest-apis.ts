// CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. A new API gets its root
// resource `/`; answers carry the fields AWS answers [AWS-recorded] test_apigateway_api.snapshot.json.
import type { CreateRestApiRequest, Operations, RestApi } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { badRequest, MESSAGES } from '../errors.js';
import { paginate } from '../pagination.js';
import { repository, type ApigatewayDeps, type Repository } from '../repository.js';
import { checkCompressionSize, endpointConfiguration, patchRestApi } from '../rules/rest-api.js';
import type { StoredResource, StoredRestApi } from '../state.js';

const nonEmpty = <T extends object>(value: T | undefined) => (value && Object.keys(value).length > 0 ? value : undefined);

/** Copies every resource of `sourceId` (methods included) into `targetId`; returns the new root id. */
function cloneResources(r: Repository, sourceId: string, targetId: string): string {
  const source = r.resources(sourceId);
  const ids = new Map(source.map((res) => [res.id!, r.newResourceId(targetId)]));
  for (const res of source) {
    const copy: StoredResource = { ...structuredClone(res), id: ids.get(res.id!), _restApiId: targetId, _scope: r.scope };
    if (res.parentId) copy.parentId = ids.get(res.parentId);
    for (const method of Object.values(copy.resourceMethods ?? {})) {
      const integration = method.methodIntegration;
      if (integration && integration.cacheNamespace === res.id) integration.cacheNamespace = copy.id;
    }
    r.putResource(copy);
  }
  return ids.get(source.find((res) => !res.parentId)!.id!)!;
}

function createRestApi(r: Repository, input: CreateRestApiRequest): StoredRestApi {
  if (input.description === '') throw badRequest(MESSAGES.emptyDescription);
  checkCompressionSize(input.minimumCompressionSize);
  const endpoint = endpointConfiguration(input.endpointConfiguration);
  if (input.cloneFrom !== undefined) r.api(input.cloneFrom);
  const id = r.newApiId();
  const api: StoredRestApi = {
    id,
    name: input.name,
    description: input.description,
    version: input.version,
    createdDate: r.now(),
    apiKeySource: input.apiKeySource ?? 'HEADER',
    binaryMediaTypes: input.binaryMediaTypes?.length ? [...input.binaryMediaTypes] : undefined,
    minimumCompressionSize: input.minimumCompressionSize,
    policy: input.policy,
    endpointConfiguration: endpoint,
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    tags: nonEmpty(input.tags),
    _scope: r.scope,
  };
  if (input.cloneFrom !== undefined) api.rootResourceId = cloneResources(r, input.cloneFrom, id);
  else {
    api.rootResourceId = r.newResourceId(id);
    r.putResource({ id: api.rootResourceId, path: '/', _restApiId: id, _scope: r.scope });
  }
  r.putApi(api);
  return api;
}

export function restApiOperations(deps: ApigatewayDeps): Handlers<Operations> {
  const tx = deps.store.transaction.bind(deps.store);
  return {
    CreateRestApi: (ctx, input) => tx(() => createRestApi(repository(deps, ctx), input)),

    GetRestApi: (ctx, input) => repository(deps, ctx).api(input.restApiId),

    GetRestApis: (ctx, input) => {
      const apis = repository(deps, ctx).listApis();
      apis.sort((a, b) => String(a.createdDate).localeCompare(String(b.createdDate)) || a.id!.localeCompare(b.id!));
      return paginate<RestApi>(apis, (a) => a.id!, input.position, input.limit);
    },

    UpdateRestApi: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        const api = patchRestApi(r.api(input.restApiId), input.patchOperations);
        r.putApi(api);
        // UpdateRestApi answers `tags: {}` even for an untagged API [AWS-recorded] (update-rest-api-*).
        return { ...api, tags: api.tags ?? {} };
      }),

    DeleteRestApi: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.api(input.restApiId);
        r.deleteApi(input.restApiId);
      }),
  };
}
