// Enforces MemorySize on busy workers by sampling their resident memory (/proc/<pid>/status on
// Linux) every few milliseconds once they have been busy that long, and killing a process that
// goes over, as the Lambda sandbox's cgroup would. Also records each process's peak (VmHWM) for
// REPORT's "Max Memory Used".
import { readFileSync } from 'node:fs';

export interface MemoryTarget {
  pid: number;
  limitMb: number;
  /** When this target was last sampled (performance.now()); set by the watch. */
  sampledAt?: number;
  /** When it was last added (performance.now()); set by the watch. */
  busySince?: number;
  onSample(rssMb: number, peakMb: number): void;
  onExceeded(): void;
}

export interface MemorySample {
  rssMb: number;
  peakMb: number;
}

/** Reads VmRSS and VmHWM; undefined when the process is gone or the system has no /proc. */
export function readMemory(pid: number): MemorySample | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const rss = /VmRSS:\s+(\d+) kB/.exec(text);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(text);
  if (!rss) return undefined;
  const rssKb = Number(rss[1]);
  return { rssMb: Math.ceil(rssKb / 1024), peakMb: Math.ceil(Number(hwm?.[1] ?? rssKb) / 1024) };
}

export class MemoryWatch {
  private readonly targets = new Set<MemoryTarget>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 20) {}

  add(target: MemoryTarget): void {
    target.busySince = performance.now();
    this.targets.add(target);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  remove(target: MemoryTarget): void {
    this.targets.delete(target);
  }

  /**
   * Samples one target (at spawn and at the end of an invocation) unless it was sampled less than
   * `maxAgeMs` ago: reading /proc on every short invocation would cost more than the invocation.
   */
  sample(target: MemoryTarget, maxAgeMs = 0): MemorySample | undefined {
    const now = performance.now();
    if (maxAgeMs > 0 && target.sampledAt !== undefined && now - target.sampledAt < maxAgeMs) return undefined;
    target.sampledAt = now;
    const m = readMemory(target.pid);
    if (!m) return undefined;
    target.onSample(m.rssMb, m.peakMb);
    if (m.rssMb > target.limitMb) target.onExceeded();
    return m;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.targets.clear();
  }

  private tick(): void {
    if (this.targets.size === 0) {
      // Stop ticking once nothing is busy; the next add() starts again.
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    // A target busy for less than an interval is left to the next tick: with invocations of a
    // millisecond, sampling whichever were running at each tick read /proc ~200 times a second
    // under load (~1.6 % of the main thread) and could not stop them anyway.
    const now = performance.now();
    for (const t of [...this.targets]) if (now - (t.busySince ?? 0) >= this.intervalMs) this.sample(t);
  }
}
