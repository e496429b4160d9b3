// The runtime as the Lambda service sees it: one pool per function version (rebuilt when the
// version's code or configuration changes), reserved concurrency counted per function, and every
// worker process stopped on dispose or when Kanaria's process exits.
import { availableParallelism } from 'node:os';
import type { LogSink } from '../telemetry/log-sink.js';
import type { Invocation } from './channels/channel.js';
import { systemClock, type Clock } from './clock.js';
import { ThrottledError } from './errors.js';
import { resolvePython, type FunctionSpec } from './launch.js';
import { MemoryWatch } from './memory-watch.js';
import { Pool, type PoolStats } from './pool.js';
import { Worker, type InvocationOutcome } from './worker.js';

export interface RuntimeHostOptions {
  sink: LogSink;
  /** Drives idle retirement (tests pass a manual clock). */
  clock?: Clock;
  /** Worker processes per function version at most (Lambda's concurrency, scaled to one machine). */
  maxWorkersPerFunction?: number;
  /** Invocations waiting for a worker before TooManyRequestsException. */
  maxQueue?: number;
  /** A worker idle this long is stopped. */
  idleMs?: number;
  /** Longest a worker may take to load its handler. */
  initTimeoutMs?: number;
}

export interface RuntimeHost {
  invoke(spec: FunctionSpec, inv: Invocation): Promise<InvocationOutcome>;
  /** Stops the workers of a function (all versions, or one): after a change or a delete. */
  retire(functionKey: string, version?: string): Promise<void>;
  stats(): Record<string, PoolStats>;
  dispose(): Promise<void>;
}

interface LivePool {
  pool: Pool;
  revision: string;
}

export const functionKey = (spec: Pick<FunctionSpec, 'accountId' | 'region' | 'functionName'>) => `${spec.accountId}/${spec.region}/${spec.functionName}`;

export function createRuntimeHost(options: RuntimeHostOptions): RuntimeHost {
  const clock = options.clock ?? systemClock();
  const maxWorkers = options.maxWorkersPerFunction ?? Math.max(4, availableParallelism());
  const memory = new MemoryWatch();
  const live = new Map<string, LivePool>();
  const all = new Set<Pool>();
  const inFlight = new Map<string, number>();
  let python: Promise<string | undefined> | undefined;
  const deps = { sink: options.sink, memory, python: () => (python ??= resolvePython()), initTimeoutMs: options.initTimeoutMs ?? 10_000 };

  const onProcessExit = () => {
    for (const pool of all) void pool.close();
  };
  process.once('exit', onProcessExit);

  function retirePool(key: string): Promise<void> {
    const entry = live.get(key);
    if (!entry) return Promise.resolve();
    live.delete(key);
    return entry.pool.retire().then(() => void all.delete(entry.pool));
  }

  function poolFor(spec: FunctionSpec, key: string): Pool {
    const entry = live.get(key);
    if (entry && entry.revision === spec.revision) return entry.pool;
    if (entry) void retirePool(key);
    const pool = new Pool({
      maxWorkers: Math.min(maxWorkers, spec.reservedConcurrency ?? maxWorkers),
      maxQueue: options.maxQueue ?? 1000,
      idleMs: options.idleMs ?? 5 * 60_000,
      clock,
      createWorker: () => new Worker(spec, deps),
    });
    live.set(key, { pool, revision: spec.revision });
    all.add(pool);
    return pool;
  }

  // A spec's keys, built once per spec (specs are cached per version) rather than per invocation.
  const keysOf = new WeakMap<FunctionSpec, { fn: string; pool: string }>();
  function keys(spec: FunctionSpec): { fn: string; pool: string } {
    let k = keysOf.get(spec);
    if (!k) {
      const fn = functionKey(spec);
      keysOf.set(spec, (k = { fn, pool: `${fn}#${spec.version}` }));
    }
    return k;
  }

  return {
    invoke(spec, inv) {
      const { fn, pool: poolKey } = keys(spec);
      const running = inFlight.get(fn) ?? 0;
      if (spec.reservedConcurrency !== undefined && running >= spec.reservedConcurrency) {
        return Promise.reject(new ThrottledError('ReservedFunctionConcurrentInvocationLimitExceeded'));
      }
      inFlight.set(fn, running + 1);
      const settled = () => {
        const n = (inFlight.get(fn) ?? 1) - 1;
        if (n === 0) inFlight.delete(fn);
        else inFlight.set(fn, n);
      };
      let started: Promise<InvocationOutcome>;
      try {
        started = poolFor(spec, poolKey).run(inv);
      } catch (err) {
        settled();
        return Promise.reject(err);
      }
      // Not `finally`: it wraps each outcome in two more promises, on every invocation.
      return started.then(
        (outcome) => (settled(), outcome),
        (err) => {
          settled();
          throw err;
        },
      );
    },
    async retire(fnKey, version) {
      const keys = [...live.keys()].filter((k) => (version === undefined ? k.startsWith(`${fnKey}#`) : k === `${fnKey}#${version}`));
      await Promise.all(keys.map(retirePool));
    },
    stats() {
      return Object.fromEntries([...live].map(([k, v]) => [k, v.pool.stats()]));
    },
    async dispose() {
      process.off('exit', onProcessExit);
      live.clear();
      await Promise.all([...all].map((p) => p.close()));
      all.clear();
      memory.dispose();
    },
  };
}
