// The rollout API's input, checked with zod (strict objects: an unknown field is an error), and
// turned into a RolloutSpec with every default filled in. Messages name the field at fault.
import { z } from 'zod';
import { ALARM_STATISTICS, COMPARISON_SIGN, type AlarmComparison, type AlarmMetric, type AlarmStatistic } from './alarm.js';
import { DEFAULT_GATES, type GateConfig } from './gates.js';
import type { RolloutSpec } from './model.js';
import { parseDuration, parsePlan, type PlanInput } from './plans.js';

const Id = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be an id (letters and digits)');
const StageName = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a stage name (letters, digits, - and _)');
const Token = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/, 'must be a header or cookie name');
const FunctionName = z.string().regex(/^[A-Za-z0-9_:.$-]{1,256}$/, 'must be a Lambda function name or ARN');

/** A duration (`"30s"`, `"2m"`, or seconds) in ms, between `min` and `max` seconds. */
const duration = (min: number, max: number) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    try {
      const ms = parseDuration(value);
      if (ms >= min * 1000 && ms <= max * 1000) return ms;
      ctx.addIssue({ code: 'custom', message: `must be between ${min} s and ${max} s, got '${value}'` });
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
    return z.NEVER;
  });

const Steps = z.array(z.strictObject({ weight: z.number(), hold: z.union([z.string(), z.number()]) }));
const TimeBased = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('TimeBasedCanary'), canaryPercentage: z.number(), canaryInterval: z.number() }),
  z.strictObject({ type: z.literal('TimeBasedLinear'), linearPercentage: z.number(), linearInterval: z.number() }),
]);

const Plan = z.unknown().transform((value, ctx) => {
  const shape = typeof value === 'string' ? z.string().min(1) : Array.isArray(value) ? Steps : TimeBased;
  const parsed = shape.safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: `must be a plan name (e.g. Canary10Percent5Minutes), a list of steps [{"weight": 10, "hold": "5m"}, …] or {"type": "TimeBasedLinear", …}: ${formatIssues(parsed.error)}` });
    return z.NEVER;
  }
  try {
    return parsePlan(parsed.data as PlanInput);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

// The alarm's words come from alarm.ts's tables (one list of metrics, statistics and comparisons).
const METRICS = Object.keys(ALARM_STATISTICS) as [AlarmMetric, ...AlarmMetric[]];
const STATISTICS = [...new Set(Object.values(ALARM_STATISTICS).flat())] as [AlarmStatistic, ...AlarmStatistic[]];
const COMPARISONS = Object.keys(COMPARISON_SIGN) as [AlarmComparison, ...AlarmComparison[]];

const Alarm = z
  .strictObject({
    metric: z.enum(METRICS),
    variant: z.enum(['base', 'canary']).default('canary'),
    statistic: z.enum(STATISTICS),
    threshold: z.number(),
    comparison: z.enum(COMPARISONS).default('GreaterThanThreshold'),
    period: duration(1, 600).default(10_000),
    evaluationPeriods: z.number().int().min(1).max(60).default(1),
    datapointsToAlarm: z.number().int().min(1).max(60).optional(),
  })
  .superRefine((a, ctx) => {
    if (!ALARM_STATISTICS[a.metric].includes(a.statistic)) ctx.addIssue({ code: 'custom', path: ['statistic'], message: `${a.metric} has the statistics ${ALARM_STATISTICS[a.metric].join(', ')}` });
    if ((a.datapointsToAlarm ?? 1) > a.evaluationPeriods) ctx.addIssue({ code: 'custom', path: ['datapointsToAlarm'], message: 'must not exceed evaluationPeriods' });
  })
  .transform(({ period, datapointsToAlarm, ...a }) => ({ ...a, periodSeconds: Math.ceil(period / 1000), datapointsToAlarm: datapointsToAlarm ?? a.evaluationPeriods }));

const Gates = z.strictObject({
  minRequests: z.number().int().min(1).max(1_000_000).optional(),
  window: duration(1, 600).optional(),
  interval: duration(0.1, 3600).optional(),
  onInsufficientData: z.enum(['wait', 'pass']).optional(),
  errorRate: z.union([z.literal(false), z.strictObject({ max: z.number().min(0).max(100).optional(), maxOverBase: z.number().min(0).max(100).optional() })]).optional(),
  latency: z
    .union([z.literal(false), z.strictObject({ p99Ratio: z.number().min(1).max(1000).optional(), p99ToleranceMs: z.number().min(0).optional(), p99MaxMs: z.number().positive().optional() })])
    .optional(),
  alarm: Alarm.optional(),
});

export const StartRolloutSchema = z
  .strictObject({
    restApiId: Id,
    stageName: StageName,
    region: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a region name').optional(),
    plan: Plan,
    timeScale: z.number().positive().max(1000).default(1),
    deploymentId: Id.optional(),
    stageVariableOverrides: z.record(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'must be a stage variable name'), z.string().max(512)).optional(),
    gates: Gates.optional(),
    hooks: z.strictObject({ preTraffic: FunctionName.optional(), postTraffic: FunctionName.optional() }).optional(),
    sticky: z
      .strictObject({ header: Token.optional(), cookie: Token.optional() })
      .refine((s) => (s.header === undefined) !== (s.cookie === undefined), 'give exactly one of header or cookie')
      .optional(),
  })
  .refine((s) => !s.stageVariableOverrides || s.deploymentId, { path: ['stageVariableOverrides'], message: 'only goes with deploymentId (the canary the rollout creates)' });

export const CommandSchema = z.strictObject({ reason: z.string().max(200).optional() });

export const ListQuerySchema = z.strictObject({
  restApiId: Id.optional(),
  stageName: StageName.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export type StartRolloutInput = z.output<typeof StartRolloutSchema>;

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

function gateConfig(g: z.output<typeof Gates> = {}): GateConfig {
  const d = DEFAULT_GATES;
  return {
    minRequests: g.minRequests ?? d.minRequests,
    windowSeconds: g.window === undefined ? d.windowSeconds : Math.ceil(g.window / 1000),
    intervalMs: g.interval ?? d.intervalMs,
    onInsufficientData: g.onInsufficientData ?? d.onInsufficientData,
    errorRate: g.errorRate === false ? null : { ...d.errorRate!, ...g.errorRate },
    latency: g.latency === false ? null : { ...d.latency!, ...g.latency },
    alarm: g.alarm ?? null,
  };
}

export function toSpec(input: StartRolloutInput, defaults: { accountId: string; region: string }): RolloutSpec {
  return {
    accountId: defaults.accountId,
    region: input.region ?? defaults.region,
    restApiId: input.restApiId,
    stageName: input.stageName,
    plan: input.plan,
    timeScale: input.timeScale,
    gates: gateConfig(input.gates),
    hooks: { preTraffic: input.hooks?.preTraffic ?? null, postTraffic: input.hooks?.postTraffic ?? null },
    sticky: input.sticky ? (input.sticky.header ? { header: input.sticky.header.toLowerCase() } : { cookie: input.sticky.cookie }) : null,
    deploymentId: input.deploymentId ?? null,
    stageVariableOverrides: input.stageVariableOverrides ?? null,
  };
}
