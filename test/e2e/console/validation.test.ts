// API Gateway's refusals shown in words next to the field that caused them, with the stage left
// as it was: a stage variable value and name AWS rejects, an override value, a percentTraffic out
// of range, an access log format without a request id, and the console's own one-decimal rule.
import { describe, expect, it, beforeAll } from 'vitest';
import { browserAvailable, openConsole, useBrowser } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, getStage, type TestApi } from '../../integration/gateway/api.js';
import { variantApi } from './console-fixture.js';

const ready = browserAvailable('console: validation messages');

const VALUE_MESSAGE =
  "Invalid stage variable value: bad value!.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.";

describe.skipIf(!ready)('console: errors next to the field that caused them', () => {
  const k = useKanaria();
  const b = useBrowser();
  let api: TestApi;

  beforeAll(async () => {
    api = await variantApi(k, 'validation');
    await deploy(api, 'prod', { variables: { v: 'ver1' } });
    await deploy(api, 'prod', { canary: { percentTraffic: 10, stageVariableOverrides: { v: 'ver2' } } });
  });

  it('shows AWS’s message for a bad stage variable value next to the value field and leaves the stage unchanged', async () => {
    const before = await getStage(api, 'prod');
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/variables`);
    try {
      await c.page.locator('#var-new-name').fill('color');
      await c.page.locator('#var-new-value').fill('bad value!');
      await c.page.getByRole('button', { name: 'Add stage variable' }).click();
      const error = c.page.locator('#var-new-value-error');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toBe(`API Gateway refused this (BadRequestException, HTTP 400): ${VALUE_MESSAGE}`);
      expect(await c.page.locator('#var-new-value').getAttribute('aria-invalid')).toBe('true');
      expect(await c.page.locator('#var-new-value').getAttribute('aria-describedby')).toContain('var-new-value-error');
      expect(await c.page.locator('#var-new-name-error').isVisible()).toBe(false);
      expect(await getStage(api, 'prod')).toEqual(before);

      // Editing an existing variable to a bad value: the same, on that row's value field.
      await c.page.locator('#var-v-value').fill('bad value!');
      await c.page.getByRole('button', { name: 'Save stage variable v' }).click();
      await c.page.locator('#var-v-value-error').waitFor({ state: 'visible' });
      expect(await c.page.locator('#var-v-value-error').textContent()).toContain(VALUE_MESSAGE);
      expect(await getStage(api, 'prod')).toEqual(before);

      // A bad name goes next to the name field.
      await c.page.locator('#var-new-name').fill('bad-name');
      await c.page.locator('#var-new-value').fill('fine');
      await c.page.getByRole('button', { name: 'Add stage variable' }).click();
      await c.page.locator('#var-new-name-error').waitFor({ state: 'visible' });
      expect(await c.page.locator('#var-new-name-error').textContent()).toContain('Invalid stage variable name: bad-name.  Please use names with only word characters.');
      expect(await c.page.locator('#var-new-value-error').isVisible()).toBe(false);
      expect(await getStage(api, 'prod')).toEqual(before);
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('shows canary refusals next to the percentage and the override value', async () => {
    const before = await getStage(api, 'prod');
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/canary`);
    try {
      const percent = c.page.getByLabel('Percentage of requests to canary', { exact: true });
      await percent.fill('150');
      await c.page.getByRole('button', { name: 'Save percentage' }).click();
      await c.page.locator('#canary-percent-error').waitFor({ state: 'visible' });
      expect(await c.page.locator('#canary-percent-error').textContent()).toContain('percentTraffic must be a number between 0.0 and 100.0, inclusive.');

      // The console's own rule: one decimal at most (nothing is sent).
      const sentBefore = c.requests.filter((r) => r.method === 'PATCH').length;
      await percent.fill('5.25');
      await c.page.getByRole('button', { name: 'Save percentage' }).click();
      await expect.poll(() => c.page.locator('#canary-percent-error').textContent()).toBe('Use at most one decimal (for example 5.3).');
      expect(c.requests.filter((r) => r.method === 'PATCH').length).toBe(sentBefore);

      await c.page.locator('#ovr-v-value').fill('no spaces allowed');
      await c.page.getByRole('button', { name: 'Save canary override v' }).click();
      await c.page.locator('#ovr-v-value-error').waitFor({ state: 'visible' });
      expect(await c.page.locator('#ovr-v-value-error').textContent()).toContain('Invalid stage variable value: no spaces allowed.');
      expect(await getStage(api, 'prod')).toEqual(before);
    } finally {
      await c.close();
    }
  });

  it('shows a refused access log format next to the format field', async () => {
    const before = await getStage(api, 'prod');
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/logs`);
    try {
      await c.page.getByLabel('Access log destination ARN (a CloudWatch Logs log group)').fill('arn:aws:logs:us-east-1:000000000000:log-group:access');
      await c.page.getByLabel('Log format').fill('$context.status');
      await c.page.getByRole('button', { name: 'Save access logging' }).click();
      await c.page.locator('#access-format-error').waitFor({ state: 'visible' });
      expect(await c.page.locator('#access-format-error').textContent()).toContain('Access log format must contain at least $context.requestId or $context.extendedRequestId');
      expect(await c.page.locator('#access-arn-error').isVisible()).toBe(false);
      expect(await getStage(api, 'prod')).toEqual(before);
    } finally {
      await c.close();
    }
  });
});
