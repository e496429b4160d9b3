// UpdateStage's patch engine: every stage path AWS accepts (reference sections 1.4, 1.5 and 5),
// applied in order to a copy of the stage; the first refused operation refuses the request.
import type { CacheClusterSize, PatchOperation, Stage } from '../../../aws/generated/apigateway.js';
import { badRequest, MESSAGES } from '../errors.js';
import { copyFromCanary, patchCanary } from './canary-settings.js';
import { invalidStagePath, patchMethodSetting } from './method-settings.js';
import { parseBooleanValue, pointerSegments, setMapEntry } from './patch.js';
import { checkStageVariable } from './stage-variables.js';

export interface StagePatchContext {
  deploymentExists(id: string): boolean;
}

export const CACHE_CLUSTER_SIZES: CacheClusterSize[] = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];

/** Sets the cache flag and what follows from it: status AVAILABLE and a 0.5 GB default size. */
export function setCacheCluster(stage: Stage, enabled: boolean): void {
  stage.cacheClusterEnabled = enabled;
  stage.cacheClusterStatus = enabled ? 'AVAILABLE' : 'NOT_AVAILABLE';
  if (enabled) stage.cacheClusterSize ??= '0.5';
}

type StagePathHandler = (stage: Stage, op: PatchOperation, ctx: StagePatchContext) => void;

const SETTABLE = ['replace', 'add'];
const requireOp = (op: PatchOperation, allowed: string[]) => {
  if (!op.op || !allowed.includes(op.op)) throw badRequest(`Invalid ${op.op} operation with path: ${op.path}`);
};

/** A string member that `replace`/`add` set and `remove` clears. */
const stringMember =
  (member: 'description' | 'clientCertificateId' | 'documentationVersion'): StagePathHandler =>
  (stage, op) => {
    requireOp(op, [...SETTABLE, 'remove']);
    if (op.op === 'remove' || !op.value) delete stage[member];
    else stage[member] = op.value;
  };

const STAGE_PATHS: Record<string, StagePathHandler> = {
  '/deploymentId': (stage, op, ctx) => {
    requireOp(op, SETTABLE);
    // [AWS-recorded] the same text as for the canary's deployment.
    if (!op.value || !ctx.deploymentExists(op.value)) throw badRequest(MESSAGES.deploymentIdMissing);
    stage.deploymentId = op.value;
  },
  '/description': stringMember('description'),
  '/clientCertificateId': stringMember('clientCertificateId'),
  '/cacheClusterEnabled': (stage, op) => {
    requireOp(op, SETTABLE);
    setCacheCluster(stage, parseBooleanValue(op));
  },
  '/cacheClusterSize': (stage, op) => {
    requireOp(op, SETTABLE);
    const size = CACHE_CLUSTER_SIZES.find((s) => s === op.value);
    if (!size) throw badRequest(`Invalid cache cluster size specified: ${op.value ?? 'null'}. Valid sizes are ${CACHE_CLUSTER_SIZES.join(', ')}`);
    stage.cacheClusterSize = size;
  },
  '/tracingEnabled': (stage, op) => {
    requireOp(op, SETTABLE);
    stage.tracingEnabled = parseBooleanValue(op);
  },
  '/accessLogSettings': (stage, op) => {
    requireOp(op, ['remove']);
    delete stage.accessLogSettings;
  },
  '/accessLogSettings/destinationArn': (stage, op) => {
    requireOp(op, [...SETTABLE, 'remove']);
    if (op.op !== 'remove' && !/^arn:[^:]+:(logs|firehose):/.test(op.value ?? '')) throw badRequest('Invalid ARN specified in the request');
    setMapEntry(stage, 'accessLogSettings', 'destinationArn', op.op === 'remove' ? undefined : op.value);
  },
  '/accessLogSettings/format': (stage, op) => {
    requireOp(op, [...SETTABLE, 'remove']);
    // The format must name the request id [AWS doc] set-up-logging; the refusal text is Kanaria's.
    if (op.op !== 'remove' && !/\$context\.(requestId|extendedRequestId)\b/.test(op.value ?? '')) {
      throw badRequest('Access log format must contain at least $context.requestId or $context.extendedRequestId');
    }
    setMapEntry(stage, 'accessLogSettings', 'format', op.op === 'remove' ? undefined : op.value);
  },
};

function patchVariable(stage: Stage, op: PatchOperation): void {
  const [, name, ...rest] = pointerSegments(op.path ?? '');
  if (!name || rest.length > 0) throw invalidStagePath(op.path ?? '');
  requireOp(op, [...SETTABLE, 'remove']);
  if (op.op === 'remove') setMapEntry(stage, 'variables', name, undefined);
  else {
    checkStageVariable(name, op.value);
    setMapEntry(stage, 'variables', name, op.value);
  }
}

function applyStageOperation(stage: Stage, op: PatchOperation, ctx: StagePatchContext): void {
  const path = op.path ?? '';
  if (op.op === 'copy') return copyFromCanary(stage, op);
  if (path === '/canarySettings' || path.startsWith('/canarySettings/')) return patchCanary(stage, op, ctx.deploymentExists);
  const handler = STAGE_PATHS[path];
  if (handler) return handler(stage, op, ctx);
  if (path.startsWith('/variables/')) return patchVariable(stage, op);
  if (patchMethodSetting(stage, op)) return;
  throw invalidStagePath(op.path ?? 'null');
}

/** The stage after `ops`, or the AWS refusal of the first bad one. `stage` itself is not changed. */
export function patchStage<S extends Stage>(stage: S, ops: PatchOperation[] | undefined, ctx: StagePatchContext): S {
  const next = structuredClone(stage);
  for (const op of ops ?? []) applyStageOperation(next, op, ctx);
  return next;
}
