// Sticky canary routing: a key's point is fixed (same key, same point), monotone in the weight
// (a canary client stays one as the weight grows), uniform enough for a 99.9 % interval per
// tenth, salted per rollout; the cookie reader; and the real gateway chain honouring the setting.
import { describe, expect, it } from 'vitest';
import { stickyPoint } from '../../../src/gateway/canary.js';
import { compileStickyRouting, cookieValue, putStickyRouting, stickyRequestPoint } from '../../../src/gateway/sticky-routing.js';
import { stageKey } from '../../../src/services/apigateway/state.js';
import { binomialInterval } from '../../helpers/stats.js';
import { API_ID, harness, SCOPE, snapshot } from '../gateway/harness.js';

const keys = Array.from({ length: 20_000 }, (_, i) => `client-${i}`);
const seed = compileStickyRouting({ header: 'x-user', salt: 'r-1' })!.seed;

describe('sticky hash', () => {
  it('gives a key the same point every time, within [0, 100)', () => {
    for (const key of keys.slice(0, 500)) {
      const p = stickyPoint(seed, key);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(100);
      expect(stickyPoint(seed, key)).toBe(p);
    }
  });

  it('is monotone: the canary set at a weight contains the set at every lower weight', () => {
    const weights = [1, 5, 10, 25, 50, 75, 99, 100];
    const sets = weights.map((w) => new Set(keys.filter((k) => stickyPoint(seed, k) < w)));
    for (let i = 1; i < sets.length; i++) {
      expect([...sets[i - 1]].filter((k) => !sets[i].has(k))).toEqual([]);
      expect(sets[i].size).toBeGreaterThan(sets[i - 1].size);
    }
    expect(sets.at(-1)!.size).toBe(keys.length);
  });

  it('spreads sequential keys evenly: each tenth of [0, 100) within its 99.9 % binomial interval', () => {
    const tenths = new Array(10).fill(0);
    for (const k of keys) tenths[Math.floor(stickyPoint(seed, k) / 10)]++;
    const [low, high] = binomialInterval(keys.length, 0.1, 0.999);
    for (const n of tenths) {
      expect(n).toBeGreaterThanOrEqual(low);
      expect(n).toBeLessThanOrEqual(high);
    }
  });

  it('reshuffles clients under another salt', () => {
    const other = compileStickyRouting({ header: 'x-user', salt: 'r-2' })!.seed;
    const moved = keys.slice(0, 1000).filter((k) => stickyPoint(seed, k) < 20 !== stickyPoint(other, k) < 20).length;
    expect(moved).toBeGreaterThan(200);
  });

  it('reads the key from a header (any case) or a cookie, and none from an empty value', () => {
    expect(cookieValue('a=1; sid=abc ;b=2', 'sid')).toBe('abc');
    expect(cookieValue('xsid=1; sid=2', 'sid')).toBe('2');
    expect(cookieValue('a=1', 'sid')).toBeUndefined();
    expect(cookieValue(undefined, 'sid')).toBeUndefined();
    const byHeader = compileStickyRouting({ header: 'X-User', salt: 's' })!;
    expect(stickyRequestPoint(byHeader, { 'x-user': 'u1' })).toBe(stickyPoint(byHeader.seed, 'u1'));
    expect(stickyRequestPoint(byHeader, { 'x-user': '' })).toBeUndefined();
    const byCookie = compileStickyRouting({ cookie: 'sid', salt: 's' })!;
    expect(stickyRequestPoint(byCookie, { cookie: 'sid=u1' })).toBe(stickyPoint(byCookie.seed, 'u1'));
    expect(compileStickyRouting(undefined)).toBeNull();
  });
});

describe('sticky routing in the gateway chain', () => {
  it('keeps each client on one variant while the setting is on, and draws at random without a key', async () => {
    let draws = 0;
    const h = harness({ random: () => (draws++, 0.99) });
    const mock = (v: string) => snapshot([{ path: '/', httpMethod: 'GET', integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' }, integrationResponses: { '200': { statusCode: '200', responseTemplates: { 'application/json': v } } } } }]);
    h.putDeployment('d1', mock('base'));
    h.putDeployment('d2', mock('canary'));
    h.setStage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 30 } });
    const stageId = stageKey(SCOPE, API_ID, 'test');
    const variant = async (user?: string) => String((await h.request('GET', '/', { headers: user ? { 'X-User': user } : {} })).response!.body);
    expect(await variant('u1')).toBe('base');
    expect(draws).toBe(1);
    putStickyRouting(h.store, stageId, { header: 'x-user', salt: 'r-9' });
    const routing = compileStickyRouting({ header: 'x-user', salt: 'r-9' })!;
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    for (const u of users) expect(await variant(u)).toBe(stickyPoint(routing.seed, u) < 30 ? 'canary' : 'base');
    expect(draws).toBe(1);
    expect(await variant()).toBe('base');
    expect(draws).toBe(2);
    putStickyRouting(h.store, stageId, null);
    await variant('u1');
    expect(draws).toBe(3);
  });
});
