// Log-scale latency histograms: O(1), allocation-free recording and percentiles within the
// bucket width. One layout for cumulative stage metrics (fine) and per-second windows (coarse).

/** Log-scale bucket layout of a histogram: bucket i holds values up to `min * ratio^i`. */
export interface BucketScale {
  min: number;
  ratio: number;
  size: number;
}

function bucketScale(min: number, ratio: number, maxMs: number): BucketScale {
  return { min, ratio, size: Math.ceil(Math.log(maxMs / min) / Math.log(ratio)) + 1 };
}

/** From 10 µs to ~2 h, each bucket 4 % wider than the last: percentiles within ±2 %. */
export const FINE_BUCKETS = bucketScale(0.01, 1.04, 7_200_000);
/** The same range with 10 % buckets (±5 %), small enough to keep one per second of history. */
export const COARSE_BUCKETS = bucketScale(0.01, 1.1, 7_200_000);

export class Histogram {
  readonly counts: Float64Array;
  count = 0;
  sum = 0;
  max = 0;
  private readonly logRatio: number;

  constructor(readonly scale: BucketScale = FINE_BUCKETS) {
    this.counts = new Float64Array(scale.size);
    this.logRatio = Math.log(scale.ratio);
  }

  record(ms: number): void {
    const v = ms > 0 ? ms : 0;
    const { min, size } = this.scale;
    const i = v <= min ? 0 : Math.min(size - 1, Math.ceil(Math.log(v / min) / this.logRatio));
    this.counts[i]++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  /** Adds another histogram of the same scale. */
  merge(other: Histogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
  }

  /** The value under which a share `q` (0..1) of the observations fall (bucket upper bound, capped at max). */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const { min, ratio } = this.scale;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, i === 0 ? min : min * ratio ** i);
    }
    return this.max;
  }
}

/** What readers see of a latency histogram, in milliseconds rounded to the microsecond. */
export interface LatencySummary {
  avg: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  count: number;
}

/** Milliseconds rounded to the microsecond, as every reader of latencies sees them. */
export const micro = (n: number) => Math.round(n * 1000) / 1000;

export function summarize(h: Histogram): LatencySummary {
  return {
    avg: h.count ? micro(h.sum / h.count) : 0,
    p50: micro(h.percentile(0.5)),
    p90: micro(h.percentile(0.9)),
    p99: micro(h.percentile(0.99)),
    max: micro(h.max),
    count: h.count,
  };
}
