// The rollout service: checks a start request against the stage (which canary, which hooks, one
// rollout per stage), then hands it to the scheduler; commands, reads and the plan catalogue.
// Every refusal is a RolloutError with an HTTP status and a message, and writes nothing.
import { randomBytes } from 'node:crypto';
import type { Stage } from '../aws/generated/apigateway.js';
import { isAwsError } from '../aws/errors.js';
import type { ServiceDefinition } from '../aws/service.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import type { LambdaInvoker } from '../services/lambda/invoker.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../telemetry/metrics.js';
import { createHookRunner } from './hooks.js';
import type { RolloutEvent } from './machine.js';
import type { RolloutSpec } from './model.js';
import { PLANS } from './plans.js';
import { rolloutRepository } from './rollout-store.js';
import { createScheduler } from './scheduler.js';
import { CommandSchema, formatIssues, ListQuerySchema, StartRolloutSchema, toSpec } from './schema.js';
import { createStageControl } from './stage-control.js';
import { rolloutSummary, rolloutView, type RolloutSummary, type RolloutView } from './view.js';

export class RolloutError extends Error {
  readonly isUserError = true;
  constructor(
    readonly status: number,
    message: string,
    /** For 405: the methods the path allows. */
    readonly allow?: string,
  ) {
    super(message);
  }
}

export type RolloutCommand = 'pause' | 'resume' | 'promote' | 'abort';
export const COMMANDS: readonly RolloutCommand[] = ['pause', 'resume', 'promote', 'abort'];

export interface RolloutsDeps {
  store: Store;
  apigateway: ServiceDefinition;
  lambda: ServiceDefinition;
  invoker: LambdaInvoker;
  metrics: Pick<Metrics, 'recent' | 'between'>;
  /** The account and region of rollouts (the region may be given per rollout). */
  accountId: string;
  region: string;
  logError(line: string): void;
  clock?: Clock;
  newId?: () => string;
  monotonic?: () => number;
}

export interface Rollouts {
  start(body: unknown): Promise<RolloutView>;
  get(id: string): RolloutView;
  list(query: unknown): RolloutSummary[];
  command(id: string, command: RolloutCommand, body: unknown): RolloutView;
  plans(): { name: string; steps: { weight: number; holdMs: number }[] }[];
  dispose(): void;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new RolloutError(400, formatIssues(result.error));
  return result.data;
}

export function createRollouts(deps: RolloutsDeps): Rollouts {
  const clock = deps.clock ?? systemClock();
  const newId = deps.newId ?? (() => `r-${randomBytes(5).toString('hex')}`);
  const repo = rolloutRepository(deps.store);
  const stages = createStageControl({ apigateway: deps.apigateway, lambda: deps.lambda, newId });
  const hooks = createHookRunner(deps.invoker, deps.monotonic ?? (() => performance.now()));
  const scheduler = createScheduler({ repo, stages, hooks, metrics: deps.metrics, clock, logError: deps.logError });
  // Rollouts left in progress by an earlier run carry on from their stored step and hold end.
  scheduler.resumeAll();

  /** The stage and the canary deployment the rollout will shift traffic to, or why it cannot start. */
  function resolve(spec: RolloutSpec): { stage: Stage; canaryDeploymentId: string } {
    const where = `stage '${spec.stageName}' of REST API '${spec.restApiId}'`;
    const stage = stages.getStage(spec);
    if (!stage) throw new RolloutError(404, `${where} not found (account ${spec.accountId}, region ${spec.region})`);
    const running = repo.activeOn(spec);
    if (running) throw new RolloutError(409, `${where} already has rollout ${running.id} in progress (${running.status}); pause, promote or abort it first`);
    const canary = stage.canarySettings;
    if (spec.deploymentId) {
      if (canary && canary.deploymentId !== spec.deploymentId) {
        throw new RolloutError(409, `${where} already has a canary on deployment ${canary.deploymentId}: start without deploymentId to roll that one out, or remove it first`);
      }
      return { stage, canaryDeploymentId: spec.deploymentId };
    }
    if (!canary) {
      throw new RolloutError(400, `${where} has no canary to roll out: create one (aws apigateway create-deployment --stage-name ${spec.stageName} --canary-settings percentTraffic=0) or give deploymentId`);
    }
    return { stage, canaryDeploymentId: canary.deploymentId! };
  }

  const notFound = (id: string) => new RolloutError(404, `no rollout '${id}'`);
  function find(id: string) {
    const r = repo.get(id);
    if (!r) throw notFound(id);
    return r;
  }

  return {
    async start(body) {
      const spec = toSpec(parse(StartRolloutSchema, body), deps);
      resolve(spec); // fail fast; checked again below, after the awaits
      for (const hook of ['preTraffic', 'postTraffic'] as const) {
        const fn = spec.hooks[hook];
        const problem = fn ? await stages.functionProblem(spec, fn) : null;
        if (problem) throw new RolloutError(400, `hooks.${hook}: function '${fn}' cannot be invoked (${problem})`);
      }
      // From here on nothing awaits: the checks and the first commit cannot interleave with another start.
      const { stage, canaryDeploymentId } = resolve(spec);
      try {
        const r = scheduler.begin(spec, { id: newId(), baseDeploymentId: stage.deploymentId ?? '', canaryDeploymentId });
        return rolloutView(r, clock.now());
      } catch (err) {
        if (isAwsError(err)) throw new RolloutError(400, `the stage refused the rollout's first change: ${err.code}: ${err.message}`);
        throw err;
      }
    },
    get: (id) => rolloutView(find(id), clock.now()),
    list: (query) => repo.list(parse(ListQuerySchema, query)).map(rolloutSummary),
    command(id, command, body) {
      const input = parse(CommandSchema, body ?? {});
      const event: RolloutEvent = command === 'promote' || command === 'abort' ? { type: command, reason: input.reason } : { type: command };
      const out = scheduler.apply(id, event);
      if (!out) throw notFound(id);
      if ('refused' in out) throw new RolloutError(409, out.refused);
      return rolloutView(out, clock.now());
    },
    plans: () => Object.values(PLANS).map((p) => ({ name: p.name, steps: p.steps })),
    dispose: () => scheduler.dispose(),
  };
}

