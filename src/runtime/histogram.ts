// A small fixed-memory latency histogram (log-spaced buckets from 10 µs to ~10 min) for a pool's
// queue wait and run times: constant cost per record, percentiles good to a few percent.

const BUCKETS_PER_DECADE = 20;
const MIN_MS = 0.01;
const DECADES = 8;

export interface HistogramSummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS_PER_DECADE * DECADES + 1);
  private count = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    const v = Math.max(ms, MIN_MS);
    const i = Math.min(this.counts.length - 1, Math.floor(Math.log10(v / MIN_MS) * BUCKETS_PER_DECADE));
    this.counts[i]++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, MIN_MS * 10 ** ((i + 1) / BUCKETS_PER_DECADE));
    }
    return this.max;
  }

  summary(): HistogramSummary {
    return {
      count: this.count,
      mean: this.count ? this.sum / this.count : 0,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.max,
    };
  }
}
