// The warm worker pool of one function version, Piscina-style: workers start on demand up to a
// concurrency cap, an idle one is reused (most recently used first), a full queue throttles,
// and an unref'd timer on the injected clock retires workers idle for `idleMs`.
import type { Invocation } from './channels/channel.js';
import type { Clock, ClockTimer } from './clock.js';
import { PoolClosedError, ThrottledError } from './errors.js';
import { Histogram, summarize, type LatencySummary } from '../telemetry/metrics-histogram.js';
import type { InvocationOutcome, StartResult, WorkerState } from './worker.js';
import type { RuntimeFault } from './errors.js';

/** What the pool needs from a worker (the real one is ./worker.ts; tests use fakes). */
export interface PoolWorker {
  readonly state: WorkerState;
  start(): Promise<StartResult>;
  invoke(inv: Invocation): Promise<InvocationOutcome>;
  reportFailedStart(inv: Invocation, fault: RuntimeFault): InvocationOutcome;
  stop(): void;
  onExit(listener: () => void): void;
}

export interface PoolOptions {
  maxWorkers: number;
  maxQueue: number;
  idleMs: number;
  clock: Clock;
  createWorker(): PoolWorker;
}

export interface PoolStats {
  workers: number;
  idle: number;
  queued: number;
  started: number;
  throttled: number;
  wait: LatencySummary;
  run: LatencySummary;
}

interface Task {
  inv: Invocation;
  queuedAt: number;
  resolve(o: InvocationOutcome): void;
  reject(err: unknown): void;
}

export class Pool {
  private readonly workers = new Set<PoolWorker>();
  /** Idle workers, oldest first; the last one is reused first. */
  private idle: Array<{ worker: PoolWorker; since: number }> = [];
  private queue: Task[] = [];
  private starting = 0;
  private retired = false;
  private closed = false;
  private idleTimer: ClockTimer | undefined;
  private drained: Array<() => void> = [];
  private started = 0;
  private throttled = 0;
  private readonly waitMs = new Histogram();
  private readonly runMs = new Histogram();

  constructor(private readonly opts: PoolOptions) {}

  run(inv: Invocation): Promise<InvocationOutcome> {
    if (this.closed || this.retired) return Promise.reject(new PoolClosedError());
    const idle = this.idle.pop();
    if (idle) {
      this.waitMs.record(0);
      return this.execute(idle.worker, inv);
    }
    if (this.queue.length >= this.opts.maxQueue) {
      this.throttled++;
      return Promise.reject(new ThrottledError('ConcurrentInvocationLimitExceeded'));
    }
    const promise = new Promise<InvocationOutcome>((resolve, reject) => this.queue.push({ inv, queuedAt: this.opts.clock.now(), resolve, reject }));
    this.maybeSpawn();
    return promise;
  }

  /** Accepts no more work; idle workers stop now, busy ones after the queue is served. */
  retire(): Promise<void> {
    this.retired = true;
    this.stopIdle(() => true);
    return this.whenEmpty();
  }

  /** Stops everything now; queued invocations are rejected. */
  close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new PoolClosedError());
    for (const w of this.workers) w.stop();
    this.idle = [];
    this.idleTimer?.cancel();
    return this.whenEmpty();
  }

  stats(): PoolStats {
    return {
      workers: this.workers.size,
      idle: this.idle.length,
      queued: this.queue.length,
      started: this.started,
      throttled: this.throttled,
      wait: summarize(this.waitMs),
      run: summarize(this.runMs),
    };
  }

  private whenEmpty(): Promise<void> {
    if (this.workers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private execute(worker: PoolWorker, inv: Invocation): Promise<InvocationOutcome> {
    const t0 = this.opts.clock.now();
    return worker.invoke(inv).then((outcome) => {
      this.runMs.record(this.opts.clock.now() - t0);
      this.release(worker);
      return outcome;
    });
  }

  private dispatch(worker: PoolWorker, task: Task): void {
    this.waitMs.record(this.opts.clock.now() - task.queuedAt);
    this.execute(worker, task.inv).then(task.resolve, task.reject);
  }

  /** A worker is free: give it the next queued invocation, or let it idle. */
  private release(worker: PoolWorker): void {
    if (worker.state !== 'ready' || !this.workers.has(worker)) return;
    const next = this.queue.shift();
    if (next) return this.dispatch(worker, next);
    if (this.retired || this.closed) return worker.stop();
    this.idle.push({ worker, since: this.opts.clock.now() });
    this.armIdleTimer();
  }

  private maybeSpawn(): void {
    while (!this.closed && this.workers.size < this.opts.maxWorkers && this.starting < this.queue.length) this.spawn();
  }

  private spawn(): void {
    const worker = this.opts.createWorker();
    this.workers.add(worker);
    this.starting++;
    this.started++;
    worker.onExit(() => this.forget(worker));
    const failed = (answer: (task: Task) => void) => {
      const task = this.queue.shift();
      if (task) answer(task);
      worker.stop();
      this.forget(worker);
    };
    worker.start().then(
      (result) => {
        this.starting--;
        if (result.ok) return this.release(worker);
        failed((task) => task.resolve(worker.reportFailedStart(task.inv, result.fault(task.inv.requestId))));
      },
      (err) => {
        this.starting--;
        failed((task) => task.reject(err));
      },
    );
  }

  /** A worker exited (stopped, crashed or killed): drop it and start another if work waits. */
  private forget(worker: PoolWorker): void {
    if (!this.workers.delete(worker)) return;
    this.idle = this.idle.filter((e) => e.worker !== worker);
    this.maybeSpawn();
    if (this.workers.size === 0) for (const resolve of this.drained.splice(0)) resolve();
  }

  private stopIdle(shouldStop: (since: number) => boolean): void {
    const keep: typeof this.idle = [];
    for (const e of this.idle) {
      if (shouldStop(e.since)) e.worker.stop();
      else keep.push(e);
    }
    this.idle = keep;
  }

  private armIdleTimer(): void {
    if (this.idleTimer || this.idle.length === 0) return;
    const due = Math.max(0, this.idle[0].since + this.opts.idleMs - this.opts.clock.now());
    this.idleTimer = this.opts.clock.setTimeout(() => {
      this.idleTimer = undefined;
      const now = this.opts.clock.now();
      this.stopIdle((since) => now - since >= this.opts.idleMs);
      this.armIdleTimer();
    }, due);
  }
}
