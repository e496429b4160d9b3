// Every console page at 1280×800 and at 390×844: nothing overflows horizontally, and a
// screenshot of each is written to test-results/console/. With KANARIA_DOCS_SCREENSHOTS=1 the
// stage editor, canary tab and live view are also written to docs/ for the README.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoHorizontalOverflow, openConsole, useBrowser } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, method, patchStage, stageUrl, type TestApi } from '../../integration/gateway/api.js';
import { variantApi } from './console-fixture.js';

const ready = browserAvailable('console: layout and screenshots');
const OUT = join(process.cwd(), 'test-results', 'console');
const DOCS = process.env.KANARIA_DOCS_SCREENSHOTS === '1' ? join(process.cwd(), 'docs') : null;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Background traffic on the stage until `stop()`: mostly `/orders`, some 404s. */
function traffic(url: (path: string) => string) {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    while (running) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const res = await fetch(url(i === 9 && sent % 3 === 0 ? '/missing' : i % 2 ? '/orders' : '/'));
          await res.arrayBuffer();
          sent++;
        }),
      );
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return {
    sent: () => sent,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function settle(page: Page, name: string): Promise<void> {
  // The live view has drawn traffic once its share line counts some requests.
  if (name === 'live') await page.waitForFunction(() => /of [1-9]\d* requests/.test(document.querySelector('#share-count')?.textContent ?? ''));
  await page.evaluate(() => document.fonts.ready);
}

describe.skipIf(!ready)('console: readable at 1280×800 and 390×844', () => {
  const k = useKanaria();
  const b = useBrowser();
  let api: TestApi;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    api = await variantApi(k, 'orders-api');
    await method(api, { path: '/orders', httpMethod: 'GET', integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }, responses: [{ statusCode: '200' }] });
    await deploy(api, 'prod', { variables: { v: 'ver1', backend: 'orders_v1', table: 'orders-2026' } });
    await deploy(api, 'prod', { canary: { percentTraffic: 10, stageVariableOverrides: { v: 'ver2', backend: 'orders_v2' } } });
    await patchStage(api, 'prod', [
      { op: 'replace', path: '/description', value: 'Production' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '500' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '200' },
      { op: 'replace', path: '/~1orders/GET/throttling/rateLimit', value: '100' },
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:000000000000:log-group:orders-access' },
      { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.httpMethod $context.resourcePath $context.status' },
    ]);
  });

  it('fits both viewports on every page', { timeout: 120_000 }, async () => {
    const stage = `#/apis/${api.apiId}/stages/prod`;
    const pages: [string, string][] = [
      ['apis', '#/'],
      ['api', `#/apis/${api.apiId}`],
      ['stage-settings', `${stage}/settings`],
      ['stage-variables', `${stage}/variables`],
      ['stage-logs', `${stage}/logs`],
      ['canary', `${stage}/canary`],
      ['live', `${stage}/live`],
    ];
    const load = traffic((path) => stageUrl(k, api.apiId, 'prod', path));
    try {
      // Docs screenshots want a chart with some history behind it (only when writing them).
      if (DOCS) await new Promise((r) => setTimeout(r, 20_000));
      for (const viewport of VIEWPORTS) {
        for (const [name, hash] of pages) {
          const c = await openConsole(b.browser, k.url, hash, viewport);
          try {
            await settle(c.page, name);
            await expectNoHorizontalOverflow(c.page);
            const file = `${name}-${viewport.width}x${viewport.height}.png`;
            await c.page.screenshot({ path: join(OUT, file), fullPage: true });
            if (DOCS && viewport.width === 1280 && ['stage-variables', 'canary', 'live'].includes(name)) {
              await c.page.screenshot({ path: join(DOCS, `console-${name}.png`), fullPage: true });
            }
            if (DOCS && viewport.width === 390 && name === 'canary') await c.page.screenshot({ path: join(DOCS, 'console-canary-390.png') });
            expect(c.errors).toEqual([]);
          } finally {
            await c.close();
          }
        }
      }
    } finally {
      await load.stop();
    }
    expect(load.sent()).toBeGreaterThan(0);
  });
});
