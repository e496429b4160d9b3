// The memory watch samples a busy worker every interval once it has been busy that long (a
// millisecond invocation is not read from /proc at every tick), and kills one over its limit.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryWatch, readMemory, type MemoryTarget } from '../../../src/runtime/memory-watch.js';

function target(limitMb: number) {
  const samples: number[] = [];
  const t: MemoryTarget & { samples: number[]; exceeded: number } = {
    pid: process.pid,
    limitMb,
    samples,
    exceeded: 0,
    onSample: (rss) => void samples.push(rss),
    onExceeded: () => void t.exceeded++,
  };
  return t;
}

describe('MemoryWatch', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('reads this process as /proc reports it', () => {
    const m = readMemory(process.pid);
    expect(m!.rssMb).toBeGreaterThan(10);
    expect(m!.peakMb).toBeGreaterThanOrEqual(m!.rssMb);
  });

  it('leaves a target busy for less than an interval to the next tick, then samples it every tick', () => {
    const watch = new MemoryWatch(20);
    const early = target(100_000);
    watch.add(target(100_000)); // starts the ticking at 0
    vi.advanceTimersByTime(15);
    watch.add(early); // busy since 15
    vi.advanceTimersByTime(5); // tick at 20: busy 5 ms
    expect(early.samples).toEqual([]);
    vi.advanceTimersByTime(20); // tick at 40: busy 25 ms
    expect(early.samples).toHaveLength(1);
    vi.advanceTimersByTime(20);
    expect(early.samples).toHaveLength(2);
    watch.remove(early);
    vi.advanceTimersByTime(100);
    expect(early.samples).toHaveLength(2);
    watch.dispose();
  });

  it('calls onExceeded for a target over its limit', () => {
    const watch = new MemoryWatch(20);
    const small = target(1);
    watch.add(small);
    vi.advanceTimersByTime(20);
    expect(small.exceeded).toBe(1);
    watch.dispose();
  });
});
