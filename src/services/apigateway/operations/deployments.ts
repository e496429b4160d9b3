// CreateDeployment (snapshot of the API, stage creation, canary deploys), GetDeployment,
// GetDeployments, UpdateDeployment, DeleteDeployment (refused while a stage or canary uses it).
import type { CreateDeploymentRequest, Deployment, MethodSnapshot, Operations } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { badRequest, MESSAGES } from '../errors.js';
import { paginate } from '../pagination.js';
import { repository, type ApigatewayDeps, type Repository } from '../repository.js';
import { canarySettings, checkDeploymentTarget } from '../rules/canary-settings.js';
import { applyPatch, PLAIN_STYLE, type PatchRule } from '../rules/patch.js';
import { applyDeploymentSettings, newStage } from '../rules/stage.js';
import { checkStageVariables } from '../rules/stage-variables.js';
import type { StoredDeployment, StoredResource } from '../state.js';
import { resourceView } from './resources.js';

/** An API can be deployed when it has methods and each has an integration (texts from AWS via moto/cloudemu). */
function checkDeployable(resources: StoredResource[]): void {
  const methods = resources.flatMap((r) => Object.values(r.resourceMethods ?? {}));
  if (methods.length === 0) throw badRequest(MESSAGES.noMethods);
  if (methods.some((m) => !m.methodIntegration)) throw badRequest(MESSAGES.noIntegration);
}

function createDeployment(r: Repository, input: CreateDeploymentRequest): StoredDeployment {
  const apiId = input.restApiId;
  r.api(apiId);
  // Terraform sends `"stageName":""` for "no stage" (terraform-seed-operations.md).
  const stage = input.stageName ? r.findStage(apiId, input.stageName) : undefined;
  checkDeploymentTarget(input.stageName, stage, input.canarySettings);
  const resources = r.resources(apiId).sort((a, b) => a.path!.localeCompare(b.path!));
  checkDeployable(resources);
  checkStageVariables(input.variables);

  const now = r.now();
  const id = r.newDeploymentId(apiId);
  const deployment: StoredDeployment = {
    id,
    createdDate: now,
    description: input.description || undefined,
    _restApiId: apiId,
    _scope: r.scope,
    _snapshot: resources.map((res) => resourceView(res, true)),
  };
  const settings = {
    description: input.stageDescription,
    variables: input.variables,
    cacheClusterEnabled: input.cacheClusterEnabled,
    cacheClusterSize: input.cacheClusterSize,
    tracingEnabled: input.tracingEnabled,
  };
  if (input.canarySettings && stage) {
    // The new deployment becomes the canary; the stage keeps its own deployment, and the given
    // canary settings replace the old ones (reference 1.3, [AWS-recorded]).
    stage.canarySettings = canarySettings(id, input.canarySettings);
    applyDeploymentSettings(stage, settings, now);
    r.putStage(stage);
  } else if (stage) {
    stage.deploymentId = id;
    applyDeploymentSettings(stage, settings, now);
    r.putStage(stage);
  } else if (input.stageName) {
    const created = newStage({ ...settings, stageName: input.stageName, deploymentId: id }, now);
    r.putStage({ ...created, _restApiId: apiId, _scope: r.scope });
  }
  r.putDeployment(deployment);
  return deployment;
}

/** `embed=apisummary`: every method's authorization type and API-key flag, by path. */
function deploymentView(deployment: StoredDeployment, embed: string[] | undefined): Deployment {
  const view: Deployment = { id: deployment.id, createdDate: deployment.createdDate, description: deployment.description };
  if ((embed ?? []).some((e) => e.split(',').includes('apisummary'))) {
    const summary: Record<string, Record<string, MethodSnapshot>> = {};
    for (const res of deployment._snapshot) {
      for (const [name, m] of Object.entries(res.resourceMethods ?? {})) {
        (summary[res.path!] ??= {})[name] = { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired };
      }
    }
    view.apiSummary = summary;
  }
  return view;
}

const DEPLOYMENT_PATCH: PatchRule<StoredDeployment>[] = [
  {
    path: '/description',
    ops: ['replace'],
    apply: (d, op) => {
      if (op.value) d.description = op.value;
      else delete d.description;
    },
  },
];

export function deploymentOperations(deps: ApigatewayDeps): Handlers<Operations> {
  const tx = deps.store.transaction.bind(deps.store);
  return {
    CreateDeployment: (ctx, input) => tx(() => deploymentView(createDeployment(repository(deps, ctx), input), undefined)),

    GetDeployment: (ctx, input) => {
      const r = repository(deps, ctx);
      r.api(input.restApiId);
      return deploymentView(r.deployment(input.restApiId, input.deploymentId), input.embed);
    },

    GetDeployments: (ctx, input) => {
      const r = repository(deps, ctx);
      r.api(input.restApiId);
      const all = r.deployments(input.restApiId);
      all.sort((a, b) => String(a.createdDate).localeCompare(String(b.createdDate)) || a.id!.localeCompare(b.id!));
      const page = paginate(all, (d) => d.id!, input.position, input.limit);
      return { ...page, items: page.items.map((d) => deploymentView(d, undefined)) };
    },

    UpdateDeployment: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.api(input.restApiId);
        const deployment = applyPatch(r.deployment(input.restApiId, input.deploymentId), input.patchOperations, DEPLOYMENT_PATCH, PLAIN_STYLE);
        r.putDeployment(deployment);
        return deploymentView(deployment, undefined);
      }),

    DeleteDeployment: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.api(input.restApiId);
        r.deployment(input.restApiId, input.deploymentId);
        const used = r.stages(input.restApiId).some((s) => s.deploymentId === input.deploymentId || s.canarySettings?.deploymentId === input.deploymentId);
        // [AWS-recorded] test_apigateway_api.snapshot.json
        if (used) throw badRequest(MESSAGES.activeStages);
        r.deleteDeployment(input.restApiId, input.deploymentId);
      }),
  };
}
