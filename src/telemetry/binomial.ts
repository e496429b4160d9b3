// Binomial intervals for canary shares: how far an observed split may honestly stray from the
// configured percentage. Used by `kanaria traffic`/`demo`, the console and the tests.

/** Two-sided standard normal quantiles. */
export const Z = { p99: 2.5758293035489, p999: 3.2905267314919 } as const;

/** Wilson score interval of a proportion observed as `successes` out of `n`. */
export function wilsonInterval(successes: number, n: number, z: number = Z.p99): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The range of counts out of `n` draws with probability `p` accepted at quantile `z`:
 * n·p ± z·√(n·p·(1−p)) (normal approximation), widened by one for the discreteness.
 */
export function expectedCountRange(p: number, n: number, z: number = Z.p999): [number, number] {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  return [Math.max(0, Math.floor(mean - z * sd) - 1), Math.min(n, Math.ceil(mean + z * sd) + 1)];
}
