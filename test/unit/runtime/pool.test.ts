// The worker pool with scripted workers and a manual clock: reuse of warm workers, the
// concurrency cap and queue, TooManyRequests when the queue is full, failed starts, crashes,
// idle retirement on the injected clock (never by sleeping) and retirement on change.
import { describe, expect, test } from 'vitest';
import type { Invocation } from '../../../src/runtime/channels/channel.js';
import { manualClock } from '../../../src/runtime/clock.js';
import { PoolClosedError, ThrottledError, type RuntimeFault } from '../../../src/runtime/errors.js';
import { Pool, type PoolWorker } from '../../../src/runtime/pool.js';
import type { InvocationOutcome, StartResult, WorkerState } from '../../../src/runtime/worker.js';

class FakeWorker implements PoolWorker {
  state: WorkerState = 'starting';
  served: string[] = [];
  stopped = false;
  private exit: Array<() => void> = [];
  private pending: Array<{ inv: Invocation; resolve: (o: InvocationOutcome) => void }> = [];
  startResult: StartResult = { ok: true };
  private started!: (r: StartResult) => void;

  start(): Promise<StartResult> {
    return new Promise((resolve) => (this.started = resolve));
  }
  finishStart(): void {
    if (this.startResult.ok) this.state = 'ready';
    this.started(this.startResult);
  }
  invoke(inv: Invocation): Promise<InvocationOutcome> {
    if (this.state !== 'ready') throw new Error(`invoke while ${this.state}`);
    this.state = 'busy';
    return new Promise((resolve) => this.pending.push({ inv, resolve }));
  }
  /** Completes the current invocation. */
  answer(): void {
    const p = this.pending.shift()!;
    this.state = 'ready';
    this.served.push(p.inv.requestId);
    p.resolve({ requestId: p.inv.requestId, payload: Buffer.from('"ok"'), durationMs: 1, logTail: '' });
  }
  reportFailedStart(inv: Invocation, fault: RuntimeFault): InvocationOutcome {
    return { requestId: inv.requestId, payload: Buffer.from(fault.payload), errorType: fault.errorType, durationMs: 0, logTail: '' };
  }
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.state = 'stopping';
    queueMicrotask(() => this.exit.forEach((l) => l()));
  }
  /** The process dies mid-invocation: the invocation gets a fault (as worker.ts does), then exit. */
  crash(): void {
    this.state = 'stopping';
    for (const p of this.pending.splice(0)) p.resolve({ requestId: p.inv.requestId, payload: Buffer.from('{}'), errorType: 'Runtime.ExitError', durationMs: 1, logTail: '' });
    this.exit.forEach((l) => l());
  }
  onExit(l: () => void): void {
    this.exit.push(l);
  }
}

function setup(opts: { maxWorkers?: number; maxQueue?: number; idleMs?: number } = {}) {
  const clock = manualClock(1000);
  const workers: FakeWorker[] = [];
  const pool = new Pool({
    maxWorkers: opts.maxWorkers ?? 2,
    maxQueue: opts.maxQueue ?? 10,
    idleMs: opts.idleMs ?? 60_000,
    clock,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
  });
  const inv = (id: string): Invocation => ({ requestId: id, payload: '{}', invokedArn: 'arn' });
  return { clock, workers, pool, inv };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Pool', () => {
  test('a worker starts on first use, then stays warm and is reused', async () => {
    const { pool, workers, inv } = setup();
    const first = pool.run(inv('a'));
    expect(workers).toHaveLength(1);
    workers[0].finishStart();
    await tick();
    workers[0].answer();
    await first;
    const second = pool.run(inv('b'));
    await tick();
    workers[0].answer();
    await second;
    expect(workers).toHaveLength(1);
    expect(workers[0].served).toEqual(['a', 'b']);
    expect(pool.stats()).toMatchObject({ workers: 1, idle: 1, started: 1 });
  });

  test('concurrency grows to maxWorkers; beyond, invocations queue; a full queue throttles', async () => {
    const { pool, workers, inv } = setup({ maxWorkers: 2, maxQueue: 3 });
    const runs = ['a', 'b', 'c'].map((id) => pool.run(inv(id)));
    expect(workers).toHaveLength(2);
    await expect(pool.run(inv('overflow'))).rejects.toBeInstanceOf(ThrottledError);
    workers.forEach((w) => w.finishStart());
    await tick();
    workers[0].answer();
    await tick();
    workers[0].answer();
    workers[1].answer();
    await Promise.all(runs);
    expect([...workers[0].served, ...workers[1].served].sort()).toEqual(['a', 'b', 'c']);
    expect(pool.stats().throttled).toBe(1);
  });

  test('a start that fails answers the waiting invocation with the fault; the next one starts afresh', async () => {
    const { pool, workers, inv } = setup({ maxWorkers: 1 });
    const run = pool.run(inv('a'));
    workers[0].startResult = { ok: false, fault: (id) => ({ errorType: 'Runtime.ImportModuleError', payload: `{"id":"${id}"}`, status: 'error' }) };
    workers[0].finishStart();
    const out = await run;
    expect(out).toMatchObject({ errorType: 'Runtime.ImportModuleError', payload: Buffer.from('{"id":"a"}') });
    expect(workers[0].stopped).toBe(true);
    const again = pool.run(inv('b'));
    await tick();
    expect(workers).toHaveLength(2);
    workers[1].finishStart();
    await tick();
    workers[1].answer();
    await again;
  });

  test('a worker that dies is replaced for the work still queued', async () => {
    const { pool, workers, inv } = setup({ maxWorkers: 1 });
    const a = pool.run(inv('a'));
    const b = pool.run(inv('b'));
    workers[0].finishStart();
    await tick();
    workers[0].crash();
    await tick();
    expect(workers).toHaveLength(2);
    workers[1].finishStart();
    await tick();
    workers[1].answer();
    await b;
    expect(workers[1].served).toEqual(['b']);
    expect((await a).errorType).toBe('Runtime.ExitError');
  });

  test('an idle worker that dies is dropped; the next invocation starts a new one', async () => {
    const { pool, workers, inv } = setup({ maxWorkers: 1 });
    const a = pool.run(inv('a'));
    workers[0].finishStart();
    await tick();
    workers[0].answer();
    await a;
    workers[0].crash();
    expect(pool.stats()).toMatchObject({ workers: 0, idle: 0 });
    const b = pool.run(inv('b'));
    expect(workers).toHaveLength(2);
    workers[1].finishStart();
    await tick();
    workers[1].answer();
    expect((await b).requestId).toBe('b');
  });

  test('idle workers retire after idleMs on the injected clock, newest kept longest', async () => {
    const { pool, workers, inv, clock } = setup({ maxWorkers: 2, idleMs: 60_000 });
    const a = pool.run(inv('a'));
    const b = pool.run(inv('b'));
    workers.forEach((w) => w.finishStart());
    await tick();
    workers[0].answer();
    await a;
    clock.advance(30_000);
    workers[1].answer();
    await b;
    clock.advance(30_000);
    expect(workers[0].stopped).toBe(true);
    expect(workers[1].stopped).toBe(false);
    await tick();
    expect(pool.stats()).toMatchObject({ workers: 1, idle: 1 });
    clock.advance(30_000);
    expect(workers[1].stopped).toBe(true);
    await tick();
    expect(pool.stats().workers).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  test('retire: idle workers stop at once, busy ones after their invocation; close rejects the queue', async () => {
    const { pool, workers, inv } = setup({ maxWorkers: 1 });
    const a = pool.run(inv('a'));
    workers[0].finishStart();
    await tick();
    const retired = pool.retire();
    expect(workers[0].stopped).toBe(false);
    workers[0].answer();
    await a;
    expect(workers[0].stopped).toBe(true);
    await retired;
    await expect(pool.run(inv('late'))).rejects.toBeInstanceOf(PoolClosedError);

    const other = setup({ maxWorkers: 1 });
    const queued = other.pool.run(other.inv('q'));
    const closed = other.pool.close();
    await expect(queued).rejects.toBeInstanceOf(PoolClosedError);
    other.workers[0].finishStart();
    await closed;
  });
});
