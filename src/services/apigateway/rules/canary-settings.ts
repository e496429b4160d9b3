// Canary rules of a stage (reference section 1): defaults, percentTraffic, what CreateStage and
// CreateDeployment accept, and the `/canarySettings/*` UpdateStage paths. Pure.
import type { CanarySettings, DeploymentCanarySettings, PatchOperation, Stage } from '../../../aws/generated/apigateway.js';
import { badRequest, MESSAGES } from '../errors.js';
import { invalidStagePath } from './method-settings.js';
import { parseBooleanValue, pointerSegments, setMapEntry } from './patch.js';
import { checkStageVariable, checkStageVariables } from './stage-variables.js';

/**
 * percentTraffic is a double from 0.0 to 100.0, both ends allowed [AWS doc]
 * API_DeploymentCanarySettings. AWS's text for an out-of-range value is not recorded anywhere we
 * could find; this one is Kanaria's.
 */
export function parsePercentTraffic(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw badRequest(`Invalid percentTraffic value: ${value === undefined ? 'null' : String(value)}. percentTraffic must be a number between 0.0 and 100.0, inclusive.`);
  }
  return n;
}

/** A canary as AWS fills in missing fields [AWS-recorded] LS-CANARY-SNAP; overrides absent when none. */
export function canarySettings(deploymentId: string, given: DeploymentCanarySettings | CanarySettings = {}): CanarySettings {
  const canary: CanarySettings = {
    deploymentId,
    percentTraffic: given.percentTraffic === undefined ? 0 : parsePercentTraffic(given.percentTraffic),
    useStageCache: given.useStageCache ?? false,
  };
  checkStageVariables(given.stageVariableOverrides);
  if (given.stageVariableOverrides && Object.keys(given.stageVariableOverrides).length > 0) {
    canary.stageVariableOverrides = { ...given.stageVariableOverrides };
  }
  return canary;
}

const DEPLOYMENT_CONTENT = 'Invalid deployment content specified.';

/**
 * Where a CreateDeployment may go [AWS-recorded] LS-CANARY-SNAP; the plain-deploy refusal is the
 * AWS text quoted in serverless/serverless#11518. No space after "specified." in any of them.
 */
export function checkDeploymentTarget(stageName: string | undefined, stage: Stage | undefined, canary: DeploymentCanarySettings | undefined): void {
  if (canary) {
    if (!stageName) {
      throw badRequest(
        `${DEPLOYMENT_CONTENT}Non null and non empty stageName must be provided for canary deployment. Provided value is ${stageName === undefined ? 'null' : ''}`,
      );
    }
    if (!stage) throw badRequest(`${DEPLOYMENT_CONTENT}Stage ${stageName} must already be created before making a canary release deployment`);
  } else if (stage?.canarySettings) {
    throw badRequest(
      `${DEPLOYMENT_CONTENT}Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`,
    );
  }
}

const CANARY_FIELDS = ['percentTraffic', 'deploymentId', 'useStageCache'];

/**
 * One UpdateStage operation on `/canarySettings` or below. Only `replace` sets values, and it
 * creates a default canary first when the stage has none [AWS-recorded]; `remove` deletes the
 * whole canary, or one override (UPDATE-DOC shows it and Terraform sends it; Kanaria accepts it).
 */
export function patchCanary(stage: Stage, op: PatchOperation, deploymentExists: (id: string) => boolean): void {
  const path = op.path ?? '';
  if (path === '/canarySettings' && op.op === 'remove') {
    delete stage.canarySettings;
    return;
  }
  const [, field, key, ...rest] = pointerSegments(path);
  const isOverride = field === 'stageVariableOverrides' && key !== undefined && key !== '' && rest.length === 0;
  const known = isOverride || (CANARY_FIELDS.includes(field) && key === undefined);
  if (op.op === 'remove' && isOverride) {
    if (stage.canarySettings) setMapEntry(stage.canarySettings, 'stageVariableOverrides', key, undefined);
    return;
  }
  if (op.op !== 'replace') {
    // [AWS-recorded]: both texts; the second ends in a space.
    if (known) throw badRequest(`Invalid ${op.op} operation with path: ${path}`);
    throw badRequest(`Cannot ${op.op} method setting ${path.slice(1)} because there is no method setting for this method `);
  }
  if (!known) throw invalidStagePath(path);
  const canary: CanarySettings = stage.canarySettings ?? canarySettings(stage.deploymentId ?? '');
  switch (field) {
    case 'percentTraffic':
      canary.percentTraffic = parsePercentTraffic(op.value);
      break;
    case 'deploymentId':
      if (!op.value || !deploymentExists(op.value)) throw badRequest(MESSAGES.deploymentIdMissing);
      canary.deploymentId = op.value;
      break;
    case 'useStageCache':
      canary.useStageCache = parseBooleanValue(op);
      break;
    default:
      checkStageVariable(key, op.value);
      setMapEntry(canary, 'stageVariableOverrides', key, op.value);
  }
  stage.canarySettings = canary;
}

/**
 * A promotion step: `copy` from the canary into the stage [AWS doc] PROMOTE-DOC. Copying the
 * overrides into `/variables` merges them [AWS-recorded] (`update-stage-with-copy-2`).
 */
export function copyFromCanary(stage: Stage, op: PatchOperation): void {
  const validPaths = ['/deploymentId', '/variables'];
  const validFrom = ['/canarySettings/deploymentId', '/canarySettings/stageVariableOverrides'];
  if (!validPaths.includes(op.path ?? '') || !validFrom.includes(op.from ?? '')) {
    // [AWS-recorded] for path /canarySettings/stageVariableOverrides from /variables; Kanaria names
    // the pair it was given.
    throw badRequest(
      `Invalid copy operation with path: ${op.path} and from ${op.from}. Valid copy:path are [${validPaths.join(', ')}] and valid copy:from are [${validFrom.join(', ')}]`,
    );
  }
  const canary = stage.canarySettings;
  if (!canary) throw badRequest('Promotion not available. Canary does not exist.');
  if (op.path === '/deploymentId') stage.deploymentId = canary.deploymentId;
  else {
    const merged = { ...(stage.variables ?? {}), ...(canary.stageVariableOverrides ?? {}) };
    if (Object.keys(merged).length > 0) stage.variables = merged;
  }
}
