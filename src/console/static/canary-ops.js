// The canary's UpdateStage and CreateDeployment inputs, as the AWS guide gives them (no DOM, so
// they can be read and tested on their own): percentages with one decimal, promotion, removal.

/**
 * Reads the percentage a user typed. One decimal at most, as the console offers (0.0–100.0);
 * anything that is not a plain number is passed on untouched so API Gateway's own refusal
 * (percentTraffic must be between 0.0 and 100.0) is what the user reads.
 */
export function parsePercentInput(text) {
  const t = String(text ?? '').trim();
  if (/^\d+(\.\d)?$/.test(t)) return { value: Number(t).toFixed(1) };
  if (/^\d*\.\d{2,}$/.test(t)) return { error: `Use at most one decimal (for example ${Number(t).toFixed(1)}).` };
  return { value: t };
}

/** Creates a canary on the stage's current deployment (stage:update, as the console does). */
export function createCanaryOperations(percentValue, useStageCache) {
  const ops = [{ op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue }];
  if (useStageCache) ops.push({ op: 'replace', path: '/canarySettings/useStageCache', value: 'true' });
  return ops;
}

export const percentOperation = (value) => ({ op: 'replace', path: '/canarySettings/percentTraffic', value });

export const useStageCacheOperation = (on) => ({ op: 'replace', path: '/canarySettings/useStageCache', value: String(Boolean(on)) });

/**
 * "Promote canary" in the AWS guide's words: copy the canary's deployment into the stage, set the
 * canary's percentage to 0.0 and copy its overrides into the stage variables (merged).
 */
export function promotionOperations() {
  return [
    { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
    { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  ];
}

/** Removing the canary: the whole `/canarySettings` goes. */
export const removeCanaryOperations = () => [{ op: 'remove', path: '/canarySettings' }];

/**
 * CreateDeployment to the canary: the new deployment becomes the canary's, and the canary keeps
 * its percentage, stage cache use and overrides (they are part of the input, or they are lost).
 */
export function canaryDeploymentInput(stageName, description, canary) {
  const { percentTraffic, useStageCache, stageVariableOverrides } = canary;
  const canarySettings = { percentTraffic, useStageCache: Boolean(useStageCache) };
  if (stageVariableOverrides && Object.keys(stageVariableOverrides).length) canarySettings.stageVariableOverrides = { ...stageVariableOverrides };
  return { stageName, ...(description ? { description } : {}), canarySettings };
}

/** What the stage will look like after a promotion (for the page's preview). */
export function promotedStage(stage) {
  const canary = stage.canarySettings;
  return {
    deploymentId: canary.deploymentId,
    variables: { ...(stage.variables ?? {}), ...(canary.stageVariableOverrides ?? {}) },
  };
}
