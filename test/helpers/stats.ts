// Binomial intervals for tests that check random splits (canary shares), by confidence level.
// The arithmetic lives in src/telemetry/binomial.ts (the console and CLI use it too).
import { expectedCountRange, Z } from '../../src/telemetry/binomial.js';

const QUANTILES: Record<number, number> = { 0.99: Z.p99, 0.999: Z.p999 };

/** The counts [low, high] that `n` trials of probability `p` land in with probability `confidence` (0.99 or 0.999). */
export function binomialInterval(n: number, p: number, confidence: number): [number, number] {
  const z = QUANTILES[confidence];
  if (z === undefined) throw new RangeError(`no quantile for confidence ${confidence} (use 0.99 or 0.999)`);
  return expectedCountRange(p, n, z);
}
