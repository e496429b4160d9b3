// CreateResource, GetResource, GetResources (with `embed=methods`), UpdateResource (rename and
// move, paths below follow), DeleteResource (children go too). Texts [AWS-recorded].
import type { Operations, PatchOperation, Resource } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { badRequest, MESSAGES, notFound } from '../errors.js';
import { paginate } from '../pagination.js';
import { repository, type ApigatewayDeps } from '../repository.js';
import { applyPatch, VERBOSE_STYLE, type PatchRule } from '../rules/patch.js';
import { checkChild, childPath, isWithin, repath, subtree } from '../rules/resource-tree.js';
import type { StoredResource } from '../state.js';

/**
 * A resource as answered: with `embed=methods` every method in full; otherwise each method
 * name with an empty object, as the AWS CLI's get-resources example shows
 * (awscli/examples/apigateway/get-resources.rst).
 */
export function resourceView(resource: StoredResource, embedMethods: boolean): Resource {
  const { _restApiId, _scope, resourceMethods, ...view } = resource;
  void _restApiId;
  void _scope;
  const names = Object.keys(resourceMethods ?? {});
  if (names.length === 0) return view;
  return { ...view, resourceMethods: embedMethods ? resourceMethods : Object.fromEntries(names.map((n) => [n, {}])) };
}

const wantsMethods = (embed: string[] | undefined) => (embed ?? []).some((e) => e.split(',').includes('methods'));

/** UpdateResource's two paths, checked against the API's other resources. */
function resourceRules(resources: StoredResource[]): PatchRule<StoredResource>[] {
  const byId = (id: string | undefined) => resources.find((r) => r.id === id);
  return [
    {
      path: '/parentId',
      ops: ['replace'],
      apply: (self, op) => {
        if (!self.parentId) throw badRequest(MESSAGES.rootParent);
        const parent = byId(op.value);
        if (!parent) throw notFound(MESSAGES.resource);
        if (isWithin(resources, parent.id!, self.id!)) throw badRequest(MESSAGES.cyclical);
        checkChild(resources, parent, self.pathPart!, self.id);
        self.parentId = parent.id;
        self.path = childPath(parent.path!, self.pathPart!);
      },
    },
    {
      path: '/pathPart',
      ops: ['replace'],
      apply: (self, op) => {
        if (!self.parentId) throw badRequest(MESSAGES.rootPathPart);
        checkChild(resources, byId(self.parentId)!, op.value ?? '', self.id);
        self.pathPart = op.value;
        self.path = childPath(byId(self.parentId)!.path!, self.pathPart!);
      },
    },
  ];
}

export function resourceOperations(deps: ApigatewayDeps): Handlers<Operations> {
  const tx = deps.store.transaction.bind(deps.store);
  return {
    CreateResource: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        const parent = r.resource(input.restApiId, input.parentId);
        checkChild(r.resources(input.restApiId), parent, input.pathPart);
        const resource: StoredResource = {
          id: r.newResourceId(input.restApiId),
          parentId: parent.id,
          pathPart: input.pathPart,
          path: childPath(parent.path!, input.pathPart),
          _restApiId: input.restApiId,
          _scope: r.scope,
        };
        r.putResource(resource);
        return resourceView(resource, false);
      }),

    GetResource: (ctx, input) => resourceView(repository(deps, ctx).resource(input.restApiId, input.resourceId), wantsMethods(input.embed)),

    GetResources: (ctx, input) => {
      const r = repository(deps, ctx);
      r.api(input.restApiId);
      const resources = r.resources(input.restApiId).sort((a, b) => a.path!.localeCompare(b.path!));
      const page = paginate(resources, (res) => res.id!, input.position, input.limit);
      const embed = wantsMethods(input.embed);
      return { ...page, items: page.items.map((res) => resourceView(res, embed)) };
    },

    UpdateResource: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.resource(input.restApiId, input.resourceId);
        const resources = r.resources(input.restApiId);
        const self = resources.find((res) => res.id === input.resourceId)!;
        applyPatch(self, input.patchOperations as PatchOperation[], resourceRules(resources), VERBOSE_STYLE);
        for (const changed of [self, ...repath(resources, self)]) r.putResource(changed);
        return resourceView(self, false);
      }),

    DeleteResource: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        const resource = r.resource(input.restApiId, input.resourceId);
        if (!resource.parentId) throw badRequest(MESSAGES.rootDelete);
        for (const res of subtree(r.resources(input.restApiId), input.resourceId)) r.deleteResource(input.restApiId, res.id!);
      }),
  };
}
