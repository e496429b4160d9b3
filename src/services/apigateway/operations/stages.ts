// CreateStage (with canarySettings), GetStage, GetStages, UpdateStage (rules/patch-stage.ts),
// DeleteStage. Stage answers carry exactly what AWS answers (reference 1.2).
import type { Operations } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { badRequest, conflict, MESSAGES } from '../errors.js';
import { repository, type ApigatewayDeps } from '../repository.js';
import { canarySettings } from '../rules/canary-settings.js';
import { patchStage } from '../rules/patch-stage.js';
import { newStage } from '../rules/stage.js';
import type { StoredStage } from '../state.js';

export function stageOperations(deps: ApigatewayDeps): Handlers<Operations> {
  const tx = deps.store.transaction.bind(deps.store);
  return {
    CreateStage: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        const apiId = input.restApiId;
        r.api(apiId);
        if (r.findStage(apiId, input.stageName)) throw conflict(MESSAGES.stageExists);
        // [AWS-recorded] for the canary's deployment; the same text for the stage's own is the
        // AWS answer quoted in aws/chalice#1839.
        if (!r.deploymentExists(apiId, input.deploymentId)) throw badRequest(MESSAGES.deploymentIdMissing);
        let canary;
        if (input.canarySettings) {
          const canaryDeployment = input.canarySettings.deploymentId ?? input.deploymentId;
          if (!r.deploymentExists(apiId, canaryDeployment)) throw badRequest(MESSAGES.deploymentIdMissing);
          canary = canarySettings(canaryDeployment, input.canarySettings);
        }
        const stage: StoredStage = { ...newStage({ ...input, canarySettings: canary }, r.now()), _restApiId: apiId, _scope: r.scope };
        r.putStage(stage);
        return stage;
      }),

    GetStage: (ctx, input) => {
      const r = repository(deps, ctx);
      r.api(input.restApiId);
      return r.stage(input.restApiId, input.stageName);
    },

    GetStages: (ctx, input) => {
      const r = repository(deps, ctx);
      r.api(input.restApiId);
      const stages = r.stages(input.restApiId).filter((s) => input.deploymentId === undefined || s.deploymentId === input.deploymentId);
      return { item: stages.sort((a, b) => a.stageName!.localeCompare(b.stageName!)) };
    },

    UpdateStage: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.api(input.restApiId);
        const stage = patchStage(r.stage(input.restApiId, input.stageName), input.patchOperations, {
          deploymentExists: (id) => r.deploymentExists(input.restApiId, id),
        });
        stage.lastUpdatedDate = r.now();
        r.putStage(stage);
        return stage;
      }),

    DeleteStage: (ctx, input) =>
      tx(() => {
        const r = repository(deps, ctx);
        r.api(input.restApiId);
        r.stage(input.restApiId, input.stageName);
        r.deleteStage(input.restApiId, input.stageName);
      }),
  };
}
