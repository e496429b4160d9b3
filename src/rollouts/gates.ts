// The gates a rollout step must pass, judged on the stage's per-variant metrics over a sliding
// window: canary 5XX rate (absolute, and above base), canary p99 latency (absolute, and against
// base), and an optional CloudWatch-style alarm (alarm.ts). Pure: metrics come in as summaries.
import type { WindowSummary } from '../telemetry/window.js';
import { alarmState, describeAlarm, type AlarmConfig, type AlarmState, type Datapoint } from './alarm.js';

export interface GateConfig {
  /** Canary requests the window must hold before the built-in gates judge at all. */
  minRequests: number;
  /** The window's longest span in real seconds; it never reaches back before the step began. */
  windowSeconds: number;
  /** How often gates are checked during a hold, unscaled (timeScale applies; at least 250 ms). */
  intervalMs: number;
  /** At a hold's end without `minRequests`: keep holding until traffic comes, or move on. */
  onInsufficientData: 'wait' | 'pass';
  /** Percent of canary answers that are 5XX, and percentage points above the base's rate. */
  errorRate: { max: number; maxOverBase: number } | null;
  /** Canary p99 ≤ max(base p99 × ratio, base p99 + tolerance), and ≤ maxMs when set. */
  latency: { p99Ratio: number; p99ToleranceMs: number; p99MaxMs: number | null } | null;
  alarm: AlarmConfig | null;
}

export const DEFAULT_GATES: GateConfig = {
  minRequests: 20,
  windowSeconds: 60,
  intervalMs: 10_000,
  onInsufficientData: 'wait',
  errorRate: { max: 5, maxOverBase: 2 },
  latency: { p99Ratio: 2, p99ToleranceMs: 50, p99MaxMs: null },
  alarm: null,
};

export interface VariantSample {
  count: number;
  errors4xx: number;
  errors5xx: number;
  /** 5XX answers in percent of the variant's requests; null without requests. */
  errorRate: number | null;
  p99: number | null;
}

export interface GateCheck {
  name: 'errorRate' | 'errorRateOverBase' | 'latencyP99' | 'latencyP99VsBase' | 'alarm';
  ok: boolean;
  /** What was measured (percent, points, ms, or the alarm's last datapoint). */
  value: number | null;
  threshold: number | null;
  unit: '%' | 'points' | 'ms' | '';
  text: string;
}

export type GateVerdict = 'pass' | 'fail' | 'insufficient';

export interface GateReport {
  at: number;
  verdict: GateVerdict;
  windowSeconds: number;
  minRequests: number;
  canary: VariantSample;
  base: VariantSample;
  checks: GateCheck[];
  alarm: { state: AlarmState; datapoints: Datapoint[] } | null;
  /** Why the gates failed or could not judge; null on a pass. */
  reason: string | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function sample(s: WindowSummary | undefined): VariantSample {
  if (!s || s.count === 0) return { count: 0, errors4xx: 0, errors5xx: 0, errorRate: null, p99: null };
  return { count: s.count, errors4xx: s.errors4xx, errors5xx: s.errors5xx, errorRate: (100 * s.errors5xx) / s.count, p99: s.latency.p99 };
}

const variantText = (name: string, v: VariantSample) =>
  v.count === 0 ? `${name} no requests` : `${name} ${v.count} requests, 5XX ${r1(v.errorRate ?? 0)}%, p99 ${r1(v.p99 ?? 0)} ms`;

/** The measured values in one line: `canary 195 requests, 5XX 0%, p99 4 ms; base …`. */
export const measuredText = (g: GateReport) => `${variantText('canary', g.canary)}; ${variantText('base', g.base)} (last ${g.windowSeconds} s)`;

/**
 * Whole seconds of metrics to read: from `from`'s second (the step's start, included) to now,
 * capped by the window; 0 while `from`'s second has not begun (nothing fresh to judge yet).
 */
export function gateWindowSeconds(from: number, now: number, windowSeconds: number): number {
  const since = Math.floor(now / 1000) - Math.floor(from / 1000) + 1;
  return Math.max(0, Math.min(windowSeconds, since));
}

/** Where a rollout's gate window may begin: the step's start, or after a latency suspicion's second. */
export function gateWindowFrom(stepStartedAt: number, latencySuspectAt: number | null): number {
  return latencySuspectAt === null ? stepStartedAt : (Math.floor(latencySuspectAt / 1000) + 1) * 1000;
}

function errorChecks(cfg: NonNullable<GateConfig['errorRate']>, canary: VariantSample, base: VariantSample): GateCheck[] {
  const rate = canary.errorRate ?? 0;
  const checks: GateCheck[] = [
    { name: 'errorRate', ok: rate <= cfg.max, value: r1(rate), threshold: cfg.max, unit: '%', text: `canary 5XX rate ${r1(rate)}% (max ${cfg.max}%)` },
  ];
  if (base.errorRate !== null) {
    const over = rate - base.errorRate;
    checks.push({ name: 'errorRateOverBase', ok: over <= cfg.maxOverBase, value: r1(over), threshold: cfg.maxOverBase, unit: 'points', text: `canary 5XX rate ${r1(over)} points above base's ${r1(base.errorRate)}% (max ${cfg.maxOverBase})` });
  }
  return checks;
}

function latencyChecks(cfg: NonNullable<GateConfig['latency']>, canary: VariantSample, base: VariantSample): GateCheck[] {
  const p99 = canary.p99 ?? 0;
  const checks: GateCheck[] = [];
  if (cfg.p99MaxMs !== null) checks.push({ name: 'latencyP99', ok: p99 <= cfg.p99MaxMs, value: p99, threshold: cfg.p99MaxMs, unit: 'ms', text: `canary p99 ${r1(p99)} ms (max ${cfg.p99MaxMs} ms)` });
  if (base.p99 !== null) {
    const limit = r1(Math.max(base.p99 * cfg.p99Ratio, base.p99 + cfg.p99ToleranceMs));
    checks.push({ name: 'latencyP99VsBase', ok: p99 <= limit, value: p99, threshold: limit, unit: 'ms', text: `canary p99 ${r1(p99)} ms vs base p99 ${r1(base.p99)} ms (max ${limit} ms: ×${cfg.p99Ratio}, or +${cfg.p99ToleranceMs} ms)` });
  }
  return checks;
}

/** The gates' verdict on one window; `datapoints` are the alarm's, already updated for `now`. */
export function evaluateGates(config: GateConfig, window: { base?: WindowSummary; canary?: WindowSummary }, datapoints: Datapoint[], now: number, windowSeconds: number): GateReport {
  const canary = sample(window.canary);
  const base = sample(window.base);
  const checks = [...(config.errorRate ? errorChecks(config.errorRate, canary, base) : []), ...(config.latency ? latencyChecks(config.latency, canary, base) : [])];
  let alarm: GateReport['alarm'] = null;
  if (config.alarm) {
    const state = alarmState(config.alarm, datapoints);
    alarm = { state, datapoints };
    const last = datapoints.at(-1)?.value ?? null;
    checks.push({ name: 'alarm', ok: state !== 'ALARM', value: last, threshold: config.alarm.threshold, unit: '', text: `alarm ${describeAlarm(config.alarm)}: ${state}` });
  }
  const report: GateReport = { at: now, verdict: 'pass', windowSeconds, minRequests: config.minRequests, canary, base, checks, alarm, reason: null };
  const builtIn = config.errorRate !== null || config.latency !== null;
  const failed = checks.filter((c) => !c.ok && (c.name === 'alarm' || canary.count >= config.minRequests));
  if (failed.length > 0) return { ...report, verdict: 'fail', reason: `gate failed: ${failed.map((c) => c.text).join('; ')} over ${windowSeconds} s, ${canary.count} canary requests` };
  if (builtIn && canary.count < config.minRequests) {
    return { ...report, verdict: 'insufficient', reason: `${canary.count} of ${config.minRequests} canary requests needed before the gates judge` };
  }
  return report;
}
