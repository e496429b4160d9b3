// The console's door on the real server, without a browser: the page and its assets (with a
// policy that keeps everything on this origin), the gateway's /_kanaria/stages and metrics still
// answered by the gateway, the live API's checked query and its figures after real traffic.
import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z } from '../../../src/telemetry/binomial.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, stageUrl } from '../../integration/gateway/api.js';
import { variantApi } from './console-fixture.js';

describe('console: the /_kanaria/ door', () => {
  const k = useKanaria({ allowCanaryHeader: true });

  it('serves the page and its assets from this origin only', async () => {
    const page = await fetch(`${k.url}/_kanaria/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    for (const asset of html.matchAll(/(?:src|href)="(\/_kanaria\/console\/[^"]+)"/g)) {
      const res = await fetch(`${k.url}${asset[1]}`);
      expect(res.status, asset[1]).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(0);
    }
    expect(html).not.toMatch(/https?:\/\//);
    const app = await fetch(`${k.url}/_kanaria/console/app.js`);
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const redirect = await fetch(`${k.url}/_kanaria`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/_kanaria/');
  });

  it('refuses paths outside the assets and methods other than GET', async () => {
    for (const path of ['/_kanaria/console/%2e%2e/console-door.ts', '/_kanaria/console/live-api.ts', '/_kanaria/console/nothing.js', '/_kanaria/console/.hidden.js']) {
      expect((await fetch(`${k.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${k.url}/_kanaria/`, { method: 'POST' })).status).toBe(405);
  });

  it('leaves /_kanaria/stages and /_kanaria/metrics to the gateway', async () => {
    const stages = await fetch(`${k.url}/_kanaria/stages`);
    expect(stages.status).toBe(200);
    expect(await stages.json()).toHaveProperty('stages');
    expect(await (await fetch(`${k.url}/_kanaria/metrics`)).json()).toHaveProperty('stages');
  });

  it('checks the live API’s query with zod and answers in words', async () => {
    const bad = await fetch(`${k.url}/_kanaria/console/api/live?restApiId=a-b&stageName=prod&seconds=5&extra=1`);
    expect(bad.status).toBe(400);
    const { message } = (await bad.json()) as { message: string };
    expect(message).toContain('restApiId: must be a REST API id (letters and digits)');
    expect(message).toContain('seconds: Too small');
    expect(message).toContain('Unrecognized key: "extra"');
    expect((await fetch(`${k.url}/_kanaria/console/api/nothing`)).status).toBe(404);
  });

  it('reports per-variant counts and the canary share with its 99.9 % Wilson interval', async () => {
    const api = await variantApi(k, 'door-live');
    await deploy(api, 'prod', { variables: { v: 'ver1' } });
    await deploy(api, 'prod', { canary: { percentTraffic: 50, stageVariableOverrides: { v: 'ver2' } } });
    const forced = ['always', 'always', 'always', 'never'];
    for (const variant of forced) await (await fetch(stageUrl(k, api.apiId, 'prod', '/'), { headers: { 'x-kanaria-canary': variant } })).text();
    await (await fetch(stageUrl(k, api.apiId, 'prod', '/nowhere'), { headers: { 'x-kanaria-canary': 'never' } })).text();
    const view = (await (await fetch(`${k.url}/_kanaria/console/api/live?restApiId=${api.apiId}&stageName=prod&seconds=30`)).json()) as any;
    expect(view.variants.base.summary).toMatchObject({ count: 2, errors4xx: 1, errors5xx: 0 });
    expect(view.variants.canary.summary).toMatchObject({ count: 3, errors4xx: 0 });
    expect(view.variants.base.points).toHaveLength(30);
    expect(view.variants.base.points.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(2);
    expect(view.share).toEqual({ total: 5, canary: 3, observed: 0.6, interval: wilsonInterval(3, 5, Z.p999), confidence: 0.999 });

    const none = (await (await fetch(`${k.url}/_kanaria/console/api/live?restApiId=${api.apiId}&stageName=other`)).json()) as any;
    expect(none.share).toEqual({ total: 0, canary: 0, observed: null, interval: null, confidence: 0.999 });
    expect(none.variants.canary.points).toHaveLength(60);
  });
});
