// The recent past of one metric series, one slot per second (a ring of `size` seconds): request
// count, 4XX and 5XX answers and a coarse latency histogram. The console draws its live charts
// from `points()`; rollout gates judge a canary on `summary()` over a sliding window.
import { COARSE_BUCKETS, Histogram, micro, summarize, type LatencySummary } from './metrics-histogram.js';

export interface WindowPoint {
  /** Epoch second the point covers. */
  t: number;
  count: number;
  errors4xx: number;
  errors5xx: number;
  p50: number;
  p99: number;
}

export interface WindowSummary {
  seconds: number;
  count: number;
  errors4xx: number;
  errors5xx: number;
  latency: Omit<LatencySummary, 'count'>;
}

export class SecondWindow {
  // Allocated on the first record, so series that never see traffic (and merge targets) stay small.
  private second = new Float64Array(0);
  private counts = new Float64Array(0);
  private e4 = new Float64Array(0);
  private e5 = new Float64Array(0);
  private latency: (Histogram | undefined)[] = [];

  constructor(
    readonly size: number,
    private readonly now: () => number,
  ) {}

  private slot(sec: number): number {
    const i = sec % this.size;
    if (this.second[i] !== sec) {
      this.second[i] = sec;
      this.counts[i] = 0;
      this.e4[i] = 0;
      this.e5[i] = 0;
      this.latency[i]?.reset();
    }
    return i;
  }

  record(status: number, latencyMs: number): void {
    if (this.second.length === 0) {
      this.second = new Float64Array(this.size).fill(-1);
      this.counts = new Float64Array(this.size);
      this.e4 = new Float64Array(this.size);
      this.e5 = new Float64Array(this.size);
      this.latency = new Array(this.size);
    }
    const i = this.slot(Math.floor(this.now() / 1000));
    this.counts[i]++;
    if (status >= 500) this.e5[i]++;
    else if (status >= 400) this.e4[i]++;
    (this.latency[i] ??= new Histogram(COARSE_BUCKETS)).record(latencyMs);
  }

  /** One point per second for the last `seconds` seconds (the current one included), oldest first. */
  points(seconds: number): WindowPoint[] {
    const last = Math.floor(this.now() / 1000);
    const out: WindowPoint[] = [];
    for (let t = last - Math.min(seconds, this.size) + 1; t <= last; t++) {
      const i = t % this.size;
      const live = this.second.length > 0 && this.second[i] === t;
      const h = live ? this.latency[i] : undefined;
      out.push({
        t,
        count: live ? this.counts[i] : 0,
        errors4xx: live ? this.e4[i] : 0,
        errors5xx: live ? this.e5[i] : 0,
        p50: h ? micro(h.percentile(0.5)) : 0,
        p99: h ? micro(h.percentile(0.99)) : 0,
      });
    }
    return out;
  }

  /** Everything recorded in the last `seconds` seconds (the current one included). */
  summary(seconds: number): WindowSummary {
    const last = Math.floor(this.now() / 1000);
    return this.between(last - Math.min(seconds, this.size) + 1, last + 1);
  }

  /** Everything recorded in the epoch seconds [from, to) still held by the ring. */
  between(from: number, to: number): WindowSummary {
    const span = Math.max(0, to - from);
    const merged = new Histogram(COARSE_BUCKETS);
    let count = 0;
    let e4 = 0;
    let e5 = 0;
    for (let t = Math.max(from, to - this.size); t < to; t++) {
      const i = t % this.size;
      if (this.second.length === 0 || this.second[i] !== t) continue;
      count += this.counts[i];
      e4 += this.e4[i];
      e5 += this.e5[i];
      const h = this.latency[i];
      if (h) merged.merge(h);
    }
    // The summary's count is the requests' (above); the histogram's own count is left out.
    const { count: _count, ...latency } = summarize(merged);
    return { seconds: span, count, errors4xx: e4, errors5xx: e5, latency };
  }
}
