// One sandbox: a long-lived process running one function version, serving one invocation at a
// time. States: starting → ready ⇄ busy → stopping. Spawning waits for `ready` raced against the
// process's exit; the function's Timeout and MemorySize are enforced here by killing the process group.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { LogSink } from '../telemetry/log-sink.js';
import type { Channel, ChannelEvents, Invocation } from './channels/channel.js';
import { MAX_RESPONSE_BYTES } from './channels/channel.js';
import { FramedChannel } from './channels/framed.js';
import { RuntimeApiChannel } from './channels/runtime-api.js';
import { RUNTIME_FAULTS, type RuntimeFault } from './errors.js';
import { FunctionLog, logStreamName } from './function-log.js';
import { launchFor, runtimeFamily, sandboxEnvironment, type FunctionSpec } from './launch.js';
import { LineSplitter } from './line-splitter.js';
import type { MemoryTarget, MemoryWatch } from './memory-watch.js';

export type WorkerState = 'starting' | 'ready' | 'busy' | 'stopping';

export interface InvocationOutcome {
  requestId: string;
  payload: Buffer;
  /** Set when the function failed (the Invoke API's X-Amz-Function-Error: Unhandled). */
  errorType?: string;
  durationMs: number;
  /** The invocation's last 4 KB of log text. */
  logTail: string;
}

/** A failed start; the fault is built for the request that was waiting for this worker. */
export type StartResult = { ok: true } | { ok: false; fault: (requestId: string) => RuntimeFault };

export interface WorkerDeps {
  sink: LogSink;
  memory: MemoryWatch;
  /** The machine's real python3 (resolved once per Kanaria). */
  python(): Promise<string | undefined>;
  initTimeoutMs: number;
}

type KillReason = 'timeout' | 'memory' | 'fault' | 'stop';

interface Running {
  inv: Invocation;
  startedAt: number;
  /** performance.now() when the function's Timeout ends it. */
  deadline: number;
  resolve(outcome: InvocationOutcome): void;
}

export class Worker {
  state: WorkerState = 'starting';
  readonly log: FunctionLog;
  private child: ChildProcess | undefined;
  private channel: Channel | undefined;
  private running: Running | undefined;
  /**
   * Fires at the earliest deadline of the invocations since it was set, and then looks at the
   * running one's: a timer set and cleared per invocation was ~1.3 µs of Kanaria's thread a call
   * (cpu profile, 2026-11-23); invocations back to back now share one every `Timeout` seconds.
   */
  private timeoutTimer: NodeJS.Timeout | undefined;
  private onStarted: ((r: StartResult) => void) | undefined;
  private initDurationMs: number | undefined;
  private spawnedAt = 0;
  private peakMb = 0;
  private killedFor: KillReason | undefined;
  private faultDetail = '';
  private exited = false;
  private readonly exitListeners: Array<() => void> = [];
  private readonly memoryTarget: MemoryTarget;

  constructor(readonly spec: FunctionSpec, private readonly deps: WorkerDeps) {
    this.log = new FunctionLog(deps.sink, { accountId: spec.accountId, region: spec.region }, spec.logGroup, logStreamName(spec.version, new Date()));
    this.memoryTarget = {
      pid: 0,
      limitMb: spec.memoryMb,
      onSample: (_rss, peak) => void (this.peakMb = Math.max(this.peakMb, peak)),
      onExceeded: () => this.kill('memory'),
    };
  }

  onExit(listener: () => void): void {
    this.exitListeners.push(listener);
  }

  async start(): Promise<StartResult> {
    const spec = this.spec;
    const launch = launchFor(spec, runtimeFamily(spec.runtime) === 'python' ? await this.deps.python() : undefined);
    const channel: Channel = launch.channel === 'framed' ? new FramedChannel() : new RuntimeApiChannel();
    this.channel = channel;
    const { stdio, env } = await channel.prepare();
    const t0 = (this.spawnedAt = performance.now());
    return new Promise<StartResult>((resolve) => {
      const initTimer = setTimeout(() => this.kill('timeout'), this.deps.initTimeoutMs);
      this.onStarted = (r) => {
        clearTimeout(initTimer);
        this.onStarted = undefined;
        if (r.ok) this.initDurationMs = performance.now() - t0;
        resolve(r);
      };
      const child = spawn(launch.command, launch.args, { cwd: spec.codePath, env: sandboxEnvironment(spec, this.log.stream, launch, env), stdio, detached: true });
      this.child = child;
      child.on('error', (err: NodeJS.ErrnoException) => {
        const reason = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
        this.failStart((id) => RUNTIME_FAULTS.invalidEntrypoint(id, launch.command, reason));
        this.finalizeExit(null, null);
      });
      child.on('exit', (code, signal) => {
        this.killGroup();
        const fallback = setTimeout(() => this.finalizeExit(code, signal), 500);
        child.once('close', () => {
          clearTimeout(fallback);
          this.finalizeExit(code, signal);
        });
      });
      for (const stream of [child.stdout, child.stderr]) {
        const splitter = new LineSplitter({ maxLine: 256 * 1024, onLine: (line) => this.log.write(line) });
        stream?.on('data', (c: Buffer) => splitter.push(c));
        stream?.on('end', () => splitter.end());
      }
      channel.attach(child, this.events());
      if (child.pid) {
        this.memoryTarget.pid = child.pid;
        this.deps.memory.add(this.memoryTarget);
      }
    });
  }

  invoke(inv: Invocation): Promise<InvocationOutcome> {
    if (this.state !== 'ready') throw new Error(`worker is ${this.state}`);
    this.state = 'busy';
    this.log.start(inv.requestId, this.spec.version);
    const timeoutMs = this.spec.timeoutSec * 1000;
    return new Promise((resolve) => {
      const startedAt = performance.now();
      this.running = { inv, startedAt, deadline: startedAt + timeoutMs, resolve };
      // A timer already set fires first: it was set for an earlier invocation of the same Timeout.
      this.timeoutTimer ??= setTimeout(this.checkTimeout, timeoutMs);
      this.deps.memory.add(this.memoryTarget);
      this.channel!.send(inv, Date.now() + timeoutMs);
    });
  }

  private readonly checkTimeout = (): void => {
    this.timeoutTimer = undefined;
    const run = this.running;
    if (!run) return;
    const left = run.deadline - performance.now();
    if (left <= 0) this.kill('timeout');
    else this.timeoutTimer = setTimeout(this.checkTimeout, Math.ceil(left));
  };

  /** Logs and answers an invocation this worker could not serve because its start failed. */
  reportFailedStart(inv: Invocation, fault: RuntimeFault): InvocationOutcome {
    this.log.start(inv.requestId, this.spec.version);
    const logTail = this.log.finish(inv.requestId, {
      durationMs: 0,
      memorySizeMb: this.spec.memoryMb,
      maxMemoryUsedMb: this.peakMb,
      status: fault.status,
      errorType: fault.errorType,
    });
    return { requestId: inv.requestId, payload: Buffer.from(fault.payload), errorType: fault.errorType, durationMs: 0, logTail };
  }

  stop(): void {
    if (this.state === 'stopping' && this.killedFor) return;
    this.kill('stop');
  }

  private events(): ChannelEvents {
    return {
      ready: () => {
        if (this.state !== 'starting') return;
        this.state = 'ready';
        this.deps.memory.remove(this.memoryTarget);
        this.deps.memory.sample(this.memoryTarget);
        this.onStarted?.({ ok: true });
      },
      initError: (errorType, payload) => {
        const ms = (performance.now() - this.spawnedAt).toFixed(2);
        this.log.write(`INIT_REPORT Init Duration: ${ms} ms\tPhase: init\tStatus: error\tError Type: ${errorType}`);
        this.failStart(() => ({ errorType, payload, status: 'error' }));
        this.kill('stop');
      },
      log: (line) => this.log.write(line),
      // One turn of the event loop first: output the handler wrote straight to fd 1/2 before
      // answering is read by then, so it lands before END like everything else it printed.
      result: (id, payload) => {
        if (payload.length > MAX_RESPONSE_BYTES) return setImmediate(() => this.complete(id, RUNTIME_FAULTS.responseTooLarge(MAX_RESPONSE_BYTES), false));
        setImmediate(() => this.complete(id, { payload }));
      },
      error: (id, errorType, payload, fatal) => {
        // A runtime that is exiting is never handed back to the pool, even before its exit is seen.
        if (fatal) this.state = 'stopping';
        setImmediate(() => this.complete(id, { payload, errorType }));
      },
      fault: (detail) => {
        this.faultDetail = detail;
        this.kill('fault');
      },
    };
  }

  private failStart(fault: (requestId: string) => RuntimeFault): void {
    this.onStarted?.({ ok: false, fault });
  }

  private complete(id: string, result: { payload: Buffer; errorType?: string } | RuntimeFault, fromRuntime = true): void {
    const run = this.running;
    if (!run || run.inv.requestId !== id) return;
    this.running = undefined;
    this.deps.memory.remove(this.memoryTarget);
    if (!this.exited) this.deps.memory.sample(this.memoryTarget, 250);
    const fault = 'status' in result ? result : undefined;
    const durationMs = performance.now() - run.startedAt;
    const logTail = this.log.finish(id, {
      durationMs,
      memorySizeMb: this.spec.memoryMb,
      maxMemoryUsedMb: this.peakMb,
      initDurationMs: this.initDurationMs,
      status: fault && fromRuntime ? fault.status : undefined,
      errorType: fault?.errorType,
    });
    this.initDurationMs = undefined;
    if (this.state === 'busy') this.state = 'ready';
    const payload = fault ? Buffer.from(fault.payload) : (result as { payload: Buffer }).payload;
    run.resolve({ requestId: id, payload, errorType: result.errorType, durationMs, logTail });
  }

  private kill(reason: KillReason): void {
    if (this.exited) return;
    this.killedFor ??= reason;
    this.state = 'stopping';
    this.channel?.close();
    this.killGroup();
  }

  private killGroup(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.child?.kill('SIGKILL');
    }
  }

  private finalizeExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.timeoutTimer);
    this.state = 'stopping';
    this.deps.memory.remove(this.memoryTarget);
    this.channel?.close();
    const why = this.killedFor;
    const starting = this.onStarted !== undefined;
    const faultFor = (requestId: string): RuntimeFault => {
      if (why === 'timeout') return starting ? RUNTIME_FAULTS.initTimedOut(requestId, this.deps.initTimeoutMs / 1000) : RUNTIME_FAULTS.timedOut(requestId, this.spec.timeoutSec);
      if (why === 'memory') return RUNTIME_FAULTS.outOfMemory(requestId);
      if (why === 'fault') return RUNTIME_FAULTS.protocol(requestId, this.faultDetail);
      return RUNTIME_FAULTS.exited(requestId, code, signal);
    };
    this.failStart(faultFor);
    if (this.running) this.complete(this.running.inv.requestId, faultFor(this.running.inv.requestId));
    for (const listener of this.exitListeners) listener();
  }
}
