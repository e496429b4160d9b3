// A new stage as AWS answers it (reference 1.2 and 5): cache off and NOT_AVAILABLE, empty
// methodSettings, tracing off, `variables` and `description` only when given. Pure.
import type { CacheClusterSize, CanarySettings, Stage } from '../../../aws/generated/apigateway.js';
import { badRequest, MESSAGES } from '../errors.js';
import { setCacheCluster } from './patch-stage.js';
import { checkStageVariables, isValidStageName } from './stage-variables.js';

export interface NewStage {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: CacheClusterSize;
  tracingEnabled?: boolean;
  documentationVersion?: string;
  tags?: Record<string, string>;
  canarySettings?: CanarySettings;
}

const nonEmpty = <T extends object>(value: T | undefined) => (value && Object.keys(value).length > 0 ? { ...value } : undefined);

export function newStage(input: NewStage, now: string): Stage {
  if (!isValidStageName(input.stageName)) throw badRequest(MESSAGES.stageName);
  checkStageVariables(input.variables);
  const stage: Stage = {
    stageName: input.stageName,
    deploymentId: input.deploymentId,
    description: input.description || undefined,
    cacheClusterSize: input.cacheClusterSize,
    methodSettings: {},
    tracingEnabled: input.tracingEnabled ?? false,
    variables: nonEmpty(input.variables),
    documentationVersion: input.documentationVersion,
    tags: nonEmpty(input.tags),
    canarySettings: input.canarySettings,
    createdDate: now,
    lastUpdatedDate: now,
  };
  setCacheCluster(stage, input.cacheClusterEnabled ?? false);
  return stage;
}

/** What a plain CreateDeployment to an existing stage changes besides its deployment. */
export function applyDeploymentSettings(stage: Stage, input: Omit<NewStage, 'stageName' | 'deploymentId'>, now: string): void {
  checkStageVariables(input.variables);
  // Whether `variables` replaces the stage's variables is not verified against AWS; LocalStack
  // [impl] replaces them when given, and so does Kanaria.
  const variables = nonEmpty(input.variables);
  if (variables) stage.variables = variables;
  // A stageDescription describes the stage (LocalStack [impl] sets it on an existing stage too).
  if (input.description) stage.description = input.description;
  if (input.cacheClusterEnabled !== undefined) setCacheCluster(stage, input.cacheClusterEnabled);
  if (input.cacheClusterSize !== undefined) stage.cacheClusterSize = input.cacheClusterSize;
  if (input.tracingEnabled !== undefined) stage.tracingEnabled = input.tracingEnabled;
  stage.lastUpdatedDate = now;
}
