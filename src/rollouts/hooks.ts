// Pre- and post-traffic hooks, after CodeDeploy's BeforeAllowTraffic / AfterAllowTraffic: a Lambda
// function invoked with CodeDeploy's event fields (`DeploymentId`, `LifecycleEventHookExecutionId`)
// plus the rollout's stage. CodeDeploy's hook reports back with PutLifecycleEventHookExecutionStatus
// and only `Succeeded` or `Failed` are accepted there; Kanaria has no CodeDeploy API, so the
// function *answers* the status instead: success is an invocation without FunctionError whose
// payload is `{"status": "Succeeded"}`. Anything else (`Failed`, another answer, a function
// error, a missing function) fails the hook, and the rollout rolls back.
import type { LambdaInvoker } from '../services/lambda/invoker.js';
import { LIFECYCLE_EVENT, type HookName, type HookOutcome, type Rollout } from './model.js';

export interface HookRunner {
  run(rollout: Rollout, hook: HookName): Promise<HookOutcome>;
}

interface HookEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
  LifecycleEvent: 'BeforeAllowTraffic' | 'AfterAllowTraffic';
  Rollout: { restApiId: string; stageName: string; baseDeploymentId: string; canaryDeploymentId: string; percentTraffic: number };
}

const MAX_DETAIL = 300;
const clip = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text);

/** Succeeded or not, and why, from what the function answered. */
function judgeHookAnswer(functionError: string | undefined, payload: string): { succeeded: boolean; detail: string } {
  let answer: unknown;
  try {
    answer = payload ? JSON.parse(payload) : undefined;
  } catch {
    answer = undefined;
  }
  if (functionError) {
    const e = answer as { errorType?: string; errorMessage?: string } | undefined;
    return { succeeded: false, detail: clip(`function error (${functionError}): ${e?.errorType ?? 'Error'}: ${e?.errorMessage ?? payload}`) };
  }
  const status = (answer as { status?: unknown } | null)?.status;
  if (status === 'Succeeded') return { succeeded: true, detail: 'answered {"status": "Succeeded"}' };
  if (status === 'Failed') return { succeeded: false, detail: 'answered {"status": "Failed"}' };
  return { succeeded: false, detail: clip(`answered ${payload || 'nothing'}; a hook must answer {"status": "Succeeded"} (or "Failed")`) };
}

export function createHookRunner(invoker: LambdaInvoker, monotonic: () => number): HookRunner {
  return {
    async run(r, hook) {
      const functionName = r.hooks[hook]!;
      const lifecycleEvent = LIFECYCLE_EVENT[hook];
      const event: HookEvent = {
        DeploymentId: r.id,
        LifecycleEventHookExecutionId: `${r.id}:${lifecycleEvent}:${r.history.length}`,
        LifecycleEvent: lifecycleEvent,
        Rollout: { restApiId: r.restApiId, stageName: r.stageName, baseDeploymentId: r.baseDeploymentId, canaryDeploymentId: r.canaryDeploymentId, percentTraffic: r.weight },
      };
      const started = monotonic();
      let verdict: { succeeded: boolean; detail: string };
      try {
        const out = await invoker.invoke({ accountId: r.accountId, region: r.region, functionName, payload: Buffer.from(JSON.stringify(event)) });
        verdict = judgeHookAnswer(out.functionError, out.payload.toString('utf8'));
      } catch (err) {
        const e = err as Error & { code?: string };
        verdict = { succeeded: false, detail: clip(`invoke failed: ${e.code ? `${e.code}: ` : ''}${e.message}`) };
      }
      return { lifecycleEvent, functionName, ...verdict, durationMs: Math.round(monotonic() - started) };
    },
  };
}
