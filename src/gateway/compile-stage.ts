// A stage as the data plane serves it: its base and canary variants (deployment route table and
// stage variables each), the canary share, and the per-method settings (logging, metrics,
// throttling) resolved from `methodSettings`. Built from store documents when they change, then
// read-only; nothing here runs per request except `settingsFor` (a map lookup after the first).
import type { MethodSetting } from '../aws/generated/apigateway.js';
import type { ApiScope, StoredStage } from '../services/apigateway/state.js';
import type { MetricVariant, Metrics, Series } from '../telemetry/metrics.js';
import { normalizeSettingsKey, type CompiledMethod } from './compile-method.js';
import type { RouteTable } from './route-table.js';
import { canaryStageVariables, type StageVariables } from './stage-variables.js';
import type { StickyRouting } from './sticky-routing.js';
import type { ThrottleLimits } from './throttle.js';

export type Variant = MetricVariant;
export type LoggingLevel = 'OFF' | 'ERROR' | 'INFO';

export interface StageVariant {
  variant: Variant;
  deploymentId: string;
  routes: RouteTable<CompiledMethod>;
  /** Null when the stage defines none (the proxy event then says `"stageVariables": null`). */
  stageVariables: StageVariables | null;
  metrics: Series;
}

export interface MethodSettingsView {
  loggingLevel: LoggingLevel;
  dataTrace: boolean;
  metricsEnabled: boolean;
  /** Undefined when neither the method nor the stage-wide entry sets a limit (only the account's applies). */
  throttle: ThrottleLimits | undefined;
}

export interface CompiledStage {
  /** The stage document's id in the store. */
  id: string;
  scope: ApiScope;
  /** The account-level throttling bucket's key, `{accountId}/{region}` (throttle.ts). */
  accountThrottleKey: string;
  apiId: string;
  apiName: string;
  stageName: string;
  base: StageVariant;
  canary: StageVariant | null;
  /** The canary's share in percent; 0 without a canary. */
  percentTraffic: number;
  /** Sticky canary choice by a header or cookie (a rollout option, sticky-routing.ts); null: AWS's random draw. */
  sticky: StickyRouting | null;
  binaryMediaTypes: readonly string[];
  /** Access logging: the group (of the destination ARN) and the format; null when off. */
  accessLog: { group: string; format: string } | null;
  settingsFor(settingsKey: string): MethodSettingsView;
}

export interface StageSources {
  id: string;
  stage: StoredStage;
  apiName: string;
  binaryMediaTypes: readonly string[];
  /** The route table of a deployment of this API (compiled or cached by the registry). */
  routes(deploymentId: string): RouteTable<CompiledMethod>;
  metrics: Metrics;
  sticky?: StickyRouting | null;
}

const LOG_GROUP_ARN = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(?::\*)?$/;

/** The log group named by an access log destination ARN (`…:log-group:NAME`, optionally with `:*`). */
export function logGroupOfArn(arn: string | undefined): string | undefined {
  return arn ? LOG_GROUP_ARN.exec(arn)?.[1] : undefined;
}

function loggingLevel(value: string | undefined): LoggingLevel | undefined {
  const v = value?.toUpperCase();
  return v === 'INFO' || v === 'ERROR' || v === 'OFF' ? v : undefined;
}

function resolveSettings(all: Record<string, MethodSetting>, settingsKey: string): MethodSettingsView {
  const stageWide = all['*/*'];
  const own = all[settingsKey];
  const pick = <K extends keyof MethodSetting>(key: K): MethodSetting[K] | undefined => own?.[key] ?? stageWide?.[key];
  const rate = pick('throttlingRateLimit');
  const burst = pick('throttlingBurstLimit');
  return Object.freeze({
    loggingLevel: loggingLevel(pick('loggingLevel')) ?? 'OFF',
    dataTrace: pick('dataTraceEnabled') === true,
    metricsEnabled: pick('metricsEnabled') === true,
    throttle: rate === undefined && burst === undefined ? undefined : { rateLimit: rate ?? 10_000, burstLimit: burst ?? 5_000 },
  });
}

export function compileStage(src: StageSources): CompiledStage {
  const { stage } = src;
  const scope = stage._scope;
  const apiId = stage._restApiId;
  const stageName = stage.stageName ?? '';
  const labels = { accountId: scope.accountId, region: scope.region, apiId, apiName: src.apiName, stage: stageName };
  const variables = stage.variables && Object.keys(stage.variables).length > 0 ? Object.freeze({ ...stage.variables }) : null;
  const base: StageVariant = {
    variant: 'base',
    deploymentId: stage.deploymentId ?? '',
    routes: src.routes(stage.deploymentId ?? ''),
    stageVariables: variables,
    metrics: src.metrics.series({ ...labels, variant: 'base' }),
  };
  const cs = stage.canarySettings;
  let canary: StageVariant | null = null;
  if (cs) {
    const deploymentId = cs.deploymentId ?? base.deploymentId;
    const merged = canaryStageVariables(stage.variables, cs.stageVariableOverrides);
    canary = {
      variant: 'canary',
      deploymentId,
      routes: src.routes(deploymentId),
      stageVariables: Object.keys(merged).length > 0 ? Object.freeze(merged) : null,
      metrics: src.metrics.series({ ...labels, variant: 'canary' }),
    };
  }

  const methodSettings: Record<string, MethodSetting> = {};
  for (const [key, value] of Object.entries(stage.methodSettings ?? {})) methodSettings[key === '*/*' ? key : normalizeSettingsKey(key)] = value;
  const resolved = new Map<string, MethodSettingsView>();
  const group = logGroupOfArn(stage.accessLogSettings?.destinationArn);
  const format = stage.accessLogSettings?.format;

  return Object.freeze({
    id: src.id,
    scope,
    accountThrottleKey: `${scope.accountId}/${scope.region}`,
    apiId,
    apiName: src.apiName,
    stageName,
    base,
    canary,
    percentTraffic: canary ? Math.min(100, Math.max(0, Number(cs?.percentTraffic ?? 0))) : 0,
    sticky: src.sticky ?? null,
    binaryMediaTypes: src.binaryMediaTypes,
    accessLog: group && format ? { group, format } : null,
    settingsFor(settingsKey: string) {
      let view = resolved.get(settingsKey);
      if (!view) resolved.set(settingsKey, (view = resolveSettings(methodSettings, settingsKey)));
      return view;
    },
  });
}
