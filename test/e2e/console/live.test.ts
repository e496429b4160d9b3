// The live view while traffic flows: the canary share the page shows is the one the responses
// tell (exactly) and lies within the 99.9 % binomial range of the configured 5.0 %; its interval
// narrows as requests accumulate and contains the configured percentage; the charts draw both
// variants; the log tails mark exactly the lines of canary requests (the last few forced to each
// variant with x-kanaria-canary, so the newest lines hold both).
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedCountRange, Z } from '../../../src/telemetry/binomial.js';
import { browserAvailable, openConsole, useBrowser } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, patchStage, stageUrl, type TestApi } from '../../integration/gateway/api.js';
import { variantApi } from './console-fixture.js';

const ready = browserAvailable('console: live view');

interface Reading {
  canary: number;
  total: number;
  interval: [number, number];
  observedText: string;
}

const PERCENT = 5;
const BATCHES = 4;
const PER_BATCH = 500;

describe.skipIf(!ready)('console: live view under traffic', () => {
  const k = useKanaria({ allowCanaryHeader: true });
  const b = useBrowser();
  let api: TestApi;

  beforeAll(async () => {
    api = await variantApi(k, 'live');
    await deploy(api, 'prod', { variables: { v: 'ver1' } });
    await deploy(api, 'prod', { canary: { percentTraffic: PERCENT, stageVariableOverrides: { v: 'ver2' } } });
    await patchStage(api, 'prod', [
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:000000000000:log-group:live-access' },
      { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.status canary=$context.isCanaryRequest' },
    ]);
  });

  it('shows the observed canary share converging on the configured percentage, charts and marked log lines', async () => {
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/live`);
    const { page } = c;
    const truth = new Map<string, boolean>();
    const readings: Reading[] = [];
    try {
      await page.locator('#share-configured').getByText('5.0 %').waitFor();
      const send = async () => {
        const res = await fetch(stageUrl(k, api.apiId, 'prod', '/'));
        const body = (await res.json()) as { v: string; isCanary: string; requestId: string };
        expect(body.isCanary === 'true').toBe(body.v === 'ver2');
        truth.set(body.requestId, body.isCanary === 'true');
      };
      for (let batch = 1; batch <= BATCHES; batch++) {
        for (let i = 0; i < PER_BATCH; i += 25) await Promise.all(Array.from({ length: 25 }, send));
        const total = batch * PER_BATCH;
        // The page polls every second: wait for the figure it shows to count every request.
        await page.waitForFunction((n) => document.querySelector('#share-count')?.textContent?.includes(`of ${n} requests`), total, { timeout: 10_000 });
        const text = (await page.locator('#share-count').textContent())!;
        const interval = (await page.locator('#share-interval').textContent())!.match(/([\d.]+) % – ([\d.]+) %/)!;
        readings.push({
          canary: Number(/^(\d+) of/.exec(text)![1]),
          total: Number(/of (\d+) requests/.exec(text)![1]),
          interval: [Number(interval[1]), Number(interval[2])],
          observedText: (await page.locator('#share-observed').textContent())!,
        });
      }

      const canaries = [...truth.values()].filter(Boolean).length;
      const last = readings.at(-1)!;
      // What the page shows is what happened, and what happened fits the configured percentage.
      expect(last).toMatchObject({ total: BATCHES * PER_BATCH, canary: canaries });
      const [low, high] = expectedCountRange(PERCENT / 100, last.total, Z.p999);
      expect(last.canary).toBeGreaterThanOrEqual(low);
      expect(last.canary).toBeLessThanOrEqual(high);
      expect(last.observedText).toBe(`${((last.canary / last.total) * 100).toFixed(1)} %`);
      // The interval shown contains the configured percentage and narrows as requests accumulate.
      expect(last.interval[0]).toBeLessThanOrEqual(PERCENT);
      expect(last.interval[1]).toBeGreaterThanOrEqual(PERCENT);
      expect(last.interval[1] - last.interval[0]).toBeLessThan(readings[0].interval[1] - readings[0].interval[0]);
      expect(await page.locator('#share-verdict').textContent()).toContain('inside the interval');

      // Both variants drawn on the request chart; the table counts both.
      expect(await page.locator('svg.chart path.line.base').count()).toBeGreaterThan(0);
      expect(await page.locator('svg.chart path.line.canary').count()).toBeGreaterThan(0);
      expect(Number(await page.locator('#live-canary .count').textContent())).toBe(canaries);
      expect(Number(await page.locator('#live-base .count').textContent())).toBe(last.total - canaries);

      // Log tails: every line shown is marked canary exactly when its request went to the canary.
      // The tails show the newest lines, so end with a few requests forced to each variant.
      for (const variant of ['always', 'never', 'always', 'never']) {
        const res = await fetch(stageUrl(k, api.apiId, 'prod', '/'), { headers: { 'x-kanaria-canary': variant } });
        const body = (await res.json()) as { isCanary: string; requestId: string };
        truth.set(body.requestId, body.isCanary === 'true');
      }
      for (const tail of ['#tail-execution-lines', '#tail-access-lines']) {
        await page.locator(`${tail} li.canary`).first().waitFor();
        const lines = await page.locator(`${tail} li`).evaluateAll((els) => els.map((el) => ({ canary: el.classList.contains('canary'), text: el.textContent ?? '' })));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          const id = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(line.text)?.[1];
          expect(id && truth.has(id), line.text).toBe(true);
          expect(line.canary, line.text).toBe(truth.get(id!));
        }
      }
      // A longer window counts the same requests (all within the last minute).
      await page.getByLabel('Window').selectOption('300');
      await page.waitForFunction(() => document.querySelector('#share-count')?.textContent?.includes('in the last 300 s'));
      expect(await page.locator('#share-count').textContent()).toContain(`of ${truth.size} requests`);
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
