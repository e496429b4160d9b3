// Sends N requests to an invoke URL with a few connections in flight and sorts the answers by
// variant: a body containing the canary marker is a canary answer, any other 2XX a base answer.

export interface VariantStats {
  requests: number;
  latenciesMs: number[];
}

export interface TrafficResult {
  total: number;
  base: VariantStats;
  canary: VariantStats;
  /** Non-2XX answers and failed requests, by status (0 = no answer). */
  errors: Record<number, number>;
  /** Distinct bodies seen, with counts (the blog's loop printed them). */
  bodies: Record<string, number>;
  elapsedMs: number;
}

export interface TrafficOptions {
  url: string;
  requests: number;
  concurrency?: number;
  canaryMarker?: string;
  onProgress?: (done: number, total: number) => void;
}

export async function sendTraffic(o: TrafficOptions): Promise<TrafficResult> {
  const marker = o.canaryMarker ?? 'ver 2';
  const result: TrafficResult = {
    total: o.requests,
    base: { requests: 0, latenciesMs: [] },
    canary: { requests: 0, latenciesMs: [] },
    errors: {},
    bodies: {},
    elapsedMs: 0,
  };
  let next = 0;
  let done = 0;
  const started = performance.now();

  async function worker(): Promise<void> {
    while (next < o.requests) {
      next++;
      const t0 = performance.now();
      let status = 0;
      let body = '';
      try {
        const res = await fetch(o.url);
        status = res.status;
        body = await res.text();
      } catch {
        status = 0;
      }
      const ms = performance.now() - t0;
      result.bodies[body] = (result.bodies[body] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        const v = body.includes(marker) ? result.canary : result.base;
        v.requests++;
        v.latenciesMs.push(ms);
      } else {
        result.errors[status] = (result.errors[status] ?? 0) + 1;
      }
      o.onProgress?.(++done, o.requests);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 8) }, worker));
  result.elapsedMs = performance.now() - started;
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
