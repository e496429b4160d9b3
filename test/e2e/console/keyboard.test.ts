// The canary form without a mouse: Tab reaches the tabs and then the form's fields in order,
// each focused element shows a visible outline, and Create canary, the slider, the exact
// percentage, an override and Promote (then remove) all work from the keyboard.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, openConsole, useBrowser } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, getStage, type TestApi } from '../../integration/gateway/api.js';
import { focusedId, tabTo, variantApi, waitForStageJson } from './console-fixture.js';

const ready = browserAvailable('console: keyboard use');

/** The focused element draws an outline (the page's :focus-visible style). */
async function expectVisibleFocus(page: Page): Promise<void> {
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

describe.skipIf(!ready)('console: the canary tab from the keyboard', () => {
  const k = useKanaria();
  const b = useBrowser();
  let api: TestApi;
  let deploymentId: string;

  beforeAll(async () => {
    api = await variantApi(k, 'keyboard');
    deploymentId = await deploy(api, 'prod', { variables: { v: 'ver1', other: 'x' } });
  });

  it('creates, tunes and promotes a canary with Tab, Space, arrows and Enter only', async () => {
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/canary`);
    const { page } = c;
    try {
      // Focus order: skip link, header, tabs, then the form's fields top to bottom.
      const visited = await tabTo(page, '#canary-new-percent');
      expect(visited[0]).toBe('skip-link');
      const order = ['tab-settings', 'tab-variables', 'tab-logs', 'tab-canary', 'tab-live', 'canary-new-percent'].map((id) => visited.indexOf(id));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
      await expectVisibleFocus(page);

      // Create canary: 5.0 %, use of stage cache on.
      await page.keyboard.press('Control+A');
      await page.keyboard.type('5.0');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('canary-new-cache');
      await expectVisibleFocus(page);
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('canary-create');
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await waitForStageJson(page, (s) => s.canarySettings?.percentTraffic === 5);
      expect((await getStage(api, 'prod')).canarySettings).toEqual({ deploymentId, percentTraffic: 5, useStageCache: true });
      // Focus lands on the new percentage field, not on the page's top.
      await expect.poll(() => focusedId(page)).toBe('canary-percent');

      // The slider (one step is 0.1) feeds the exact input; Save applies it.
      await page.keyboard.press('Shift+Tab');
      expect(await focusedId(page)).toBe('canary-slider');
      await expectVisibleFocus(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('canary-percent');
      expect(await page.locator('#canary-percent').inputValue()).toBe('5.3');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('canary-percent-save');
      await page.keyboard.press('Enter');
      await waitForStageJson(page, (s) => s.canarySettings?.percentTraffic === 5.3);
      expect((await getStage(api, 'prod')).canarySettings?.percentTraffic).toBe(5.3);

      // An override: type the name, Tab, the value, Enter submits.
      await tabTo(page, '#ovr-new-name');
      await page.keyboard.type('v');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('ovr-new-value');
      await page.keyboard.type('ver2');
      await page.keyboard.press('Enter');
      await waitForStageJson(page, (s) => s.canarySettings?.stageVariableOverrides?.v === 'ver2');
      await expect.poll(() => focusedId(page)).toBe('ovr-new-name');

      // Promote and remove: arrows move the radio choice, Enter on the button promotes.
      await tabTo(page, '#promote-keep');
      await page.keyboard.press('ArrowDown');
      expect(await focusedId(page)).toBe('promote-remove');
      expect(await page.locator('#promote-remove').isChecked()).toBe(true);
      await tabTo(page, '#canary-promote');
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await waitForStageJson(page, (s) => s.canarySettings === undefined);
      const stage = await getStage(api, 'prod');
      expect(stage.canarySettings).toBeUndefined();
      expect(stage).toMatchObject({ deploymentId, variables: { v: 'ver2', other: 'x' } });
      await expect.poll(() => focusedId(page)).toBe('canary-new-percent');
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
