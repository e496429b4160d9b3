// The data plane's in-memory view of the control plane: every stage compiled (compile-stage.ts)
// and every deployment a stage uses compiled once into a route table, cached by deployment and
// dropped when no stage uses it any more. Store changes (stage, deployment, REST API documents)
// (and sticky-routing settings) mark entries stale and they are rebuilt before the next request:
// requests never read the store.
import type { Store } from '../store/store.js';
import { KIND, type StoredDeployment, type StoredRestApi, type StoredStage } from '../services/apigateway/state.js';
import type { Metrics } from '../telemetry/metrics.js';
import { compileMethod, type CompiledMethod } from './compile-method.js';
import { compileStage, type CompiledStage } from './compile-stage.js';
import { compileRouteTable, type RouteTable } from './route-table.js';
import { compileStickyRouting, STICKY_KIND, type StickySetting } from './sticky-routing.js';

export type StageLookup = CompiledStage | 'unknown-api' | 'unknown-stage';

export interface StageRegistry {
  /** The stage serving `/{stageName}` of API `apiId`, or why there is none. */
  lookup(apiId: string, stageName: string): StageLookup;
  /** Every stage served, for `/_kanaria/stages`. */
  stages(): CompiledStage[];
  /** How many deployment route tables are held (tests check they are dropped). */
  readonly routeTableCount: number;
  dispose(): void;
}

interface ApiEntry {
  key: string;
  apiId: string;
  name: string;
  binaryMediaTypes: readonly string[];
}

const EMPTY_TABLE: RouteTable<CompiledMethod> = compileRouteTable([], compileMethod);

/** `${accountId}/${region}/${restApiId}` of a stage or deployment document id. */
const apiKeyOfId = (id: string) => id.split('/', 3).join('/');

export interface StageRegistryOptions {
  /** Called when a stage stops being served (its throttling buckets can go). */
  onStageRemoved?(stage: CompiledStage): void;
}

export function createStageRegistry(store: Store, metrics: Metrics, options: StageRegistryOptions = {}): StageRegistry {
  const apis = new Map<string, ApiEntry>();
  const apiByRestApiId = new Map<string, ApiEntry>();
  const stages = new Map<string, CompiledStage>();
  /** Stages by API id, then stage name (two lookups, no key string built per request). */
  const byInvoke = new Map<string, Map<string, CompiledStage>>();
  const invokeGet = (apiId: string, stageName: string) => byInvoke.get(apiId)?.get(stageName);
  const invokeSet = (stage: CompiledStage) => {
    let names = byInvoke.get(stage.apiId);
    if (!names) byInvoke.set(stage.apiId, (names = new Map()));
    names.set(stage.stageName, stage);
  };
  const invokeDelete = (stage: CompiledStage) => {
    const names = byInvoke.get(stage.apiId);
    if (names?.get(stage.stageName) !== stage) return;
    names.delete(stage.stageName);
    if (names.size === 0) byInvoke.delete(stage.apiId);
  };
  const tables = new Map<string, RouteTable<CompiledMethod>>();
  const dirty = { stages: new Set<string>(), deployments: new Set<string>(), apis: new Set<string>() };
  let pending = false;

  function loadApi(key: string): ApiEntry | undefined {
    const doc = store.get<StoredRestApi>(KIND.restApi, key);
    const old = apis.get(key);
    if (old && apiByRestApiId.get(old.apiId) === old) apiByRestApiId.delete(old.apiId);
    apis.delete(key);
    if (!doc) return undefined;
    const entry: ApiEntry = { key, apiId: doc.data.id ?? key.split('/')[2], name: doc.data.name ?? '', binaryMediaTypes: Object.freeze([...(doc.data.binaryMediaTypes ?? [])]) };
    apis.set(key, entry);
    apiByRestApiId.set(entry.apiId, entry);
    return entry;
  }

  function routes(apiKey: string, deploymentId: string): RouteTable<CompiledMethod> {
    const key = `${apiKey}/${deploymentId}`;
    let table = tables.get(key);
    if (!table) {
      const doc = store.get<StoredDeployment>(KIND.deployment, key);
      if (!doc) return EMPTY_TABLE;
      table = compileRouteTable(doc.data._snapshot ?? [], compileMethod);
      tables.set(key, table);
    }
    return table;
  }

  function removeStage(id: string): void {
    const old = stages.get(id);
    if (!old) return;
    stages.delete(id);
    invokeDelete(old);
    options.onStageRemoved?.(old);
  }

  function buildStage(id: string): void {
    const doc = store.get<StoredStage>(KIND.stage, id);
    const old = stages.get(id);
    if (!doc) return removeStage(id);
    const apiKey = apiKeyOfId(id);
    const api = apis.get(apiKey) ?? loadApi(apiKey);
    if (!api) return removeStage(id);
    const compiled = compileStage({
      id,
      stage: doc.data,
      apiName: api.name,
      binaryMediaTypes: api.binaryMediaTypes,
      routes: (deploymentId) => routes(apiKey, deploymentId),
      metrics,
      sticky: compileStickyRouting(store.get<StickySetting>(STICKY_KIND, id)?.data),
    });
    if (old && old.stageName !== compiled.stageName) removeStage(id);
    stages.set(id, compiled);
    invokeSet(compiled);
  }

  function stageIdsOfApi(apiKey: string): string[] {
    return [...stages.keys()].filter((id) => apiKeyOfId(id) === apiKey);
  }

  function dropUnusedTables(): void {
    const used = new Set<string>();
    for (const s of stages.values()) {
      const apiKey = apiKeyOfId(s.id);
      used.add(`${apiKey}/${s.base.deploymentId}`);
      if (s.canary) used.add(`${apiKey}/${s.canary.deploymentId}`);
    }
    for (const key of tables.keys()) if (!used.has(key)) tables.delete(key);
  }

  function flush(): void {
    pending = false;
    if (dirty.stages.size === 0 && dirty.deployments.size === 0 && dirty.apis.size === 0) return;
    const rebuild = new Set(dirty.stages);
    for (const apiKey of dirty.apis) {
      const api = loadApi(apiKey);
      for (const id of stageIdsOfApi(apiKey)) (api ? rebuild.add(id) : removeStage(id));
    }
    for (const key of dirty.deployments) {
      tables.delete(key);
      for (const s of stages.values()) {
        const apiKey = apiKeyOfId(s.id);
        if (`${apiKey}/${s.base.deploymentId}` === key || (s.canary && `${apiKey}/${s.canary.deploymentId}` === key)) rebuild.add(s.id);
      }
    }
    dirty.stages.clear();
    dirty.deployments.clear();
    dirty.apis.clear();
    for (const id of rebuild) buildStage(id);
    dropUnusedTables();
  }

  function markDirty(set: Set<string>, id: string): void {
    set.add(id);
    if (!pending) {
      pending = true;
      queueMicrotask(flush);
    }
  }

  const unsubscribe = store.onChange((event) => {
    if (event.kind === KIND.stage || event.kind === STICKY_KIND) markDirty(dirty.stages, event.id);
    else if (event.kind === KIND.deployment) markDirty(dirty.deployments, event.id);
    else if (event.kind === KIND.restApi) markDirty(dirty.apis, event.id);
  });

  for (const doc of store.list<StoredRestApi>(KIND.restApi)) loadApi(doc.id);
  for (const doc of store.list<StoredStage>(KIND.stage)) buildStage(doc.id);

  return {
    lookup(apiId, stageName) {
      if (pending) flush();
      const stage = invokeGet(apiId, stageName);
      if (stage) return stage;
      return apiByRestApiId.has(apiId) ? 'unknown-stage' : 'unknown-api';
    },
    stages() {
      if (pending) flush();
      return [...stages.values()];
    },
    get routeTableCount() {
      return tables.size;
    },
    dispose: unsubscribe,
  };
}
