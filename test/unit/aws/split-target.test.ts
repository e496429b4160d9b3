// The dispatcher's request-target split: the same path and query `new URL()` reads, for targets
// the AWS SDKs send and for ones URL rewrites (dot segments, `//`, backslashes, spaces, `??`).
import { describe, expect, it } from 'vitest';
import { splitTarget } from '../../../src/aws/dispatch.js';

/** The path and query pairs read, or 'invalid' when URL refuses the target (both must agree). */
const outcome = (read: () => { path: string; query: URLSearchParams }) => {
  try {
    const { path, query } = read();
    return { path, query: [...query] };
  } catch {
    return 'invalid';
  }
};
const viaUrl = (target: string) =>
  outcome(() => {
    const url = new URL(target, 'http://localhost');
    return { path: url.pathname, query: url.searchParams };
  });
const viaSplit = (target: string) => outcome(() => splitTarget(target));

describe('splitTarget', () => {
  it('reads what new URL() reads', () => {
    for (const target of [
      '/2015-03-31/functions/bench-node/invocations',
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ax/invocations?Qualifier=%24LATEST',
      '/restapis/abc/stages?limit=2&position=x%2By',
      '/restapis/a/../b',
      '/restapis/a/%2e%2E/b',
      '/./x/.',
      '//host/path',
      '/a\\b',
      '/a b?c d',
      '/a??b=1',
      '/a?b=1#frag',
      '/é?x=ü',
      '/a?x=1&x=2&y',
    ]) {
      expect(viaSplit(target), target).toEqual(viaUrl(target));
    }
  });

  it('agrees with new URL() on generated targets', () => {
    const pieces = ['a', '0', '/', '.', '%2e', '%41', '%', '?', '&', '=', '#', ' ', '\\', ':', '$', '+', '~', "'", '"', 'é', '{', '//', '..', ';', '@'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20_000; i++) {
      let target = '/';
      for (let j = Math.floor(next() * 10); j > 0; j--) target += pieces[Math.floor(next() * pieces.length)];
      expect(viaSplit(target), target).toEqual(viaUrl(target));
    }
  });
});
