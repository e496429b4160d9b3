// The API page and the stage editor's other tabs through the page: resources with their
// integrations, invoke URLs with a working copy button, stage settings, throttling for all methods
// and per method, execution and access logging, and stage variables renamed and deleted. Each
// change is checked with GetStage.
import { describe, expect, it, beforeAll } from 'vitest';
import { browserAvailable, openConsole, useBrowser } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { deploy, getStage, method, type TestApi } from '../../integration/gateway/api.js';
import { variantApi, waitForStageJson } from './console-fixture.js';

const ready = browserAvailable('console: stage editor');

describe.skipIf(!ready)('console: API page and stage editor', () => {
  const k = useKanaria();
  const b = useBrowser();
  let api: TestApi;

  beforeAll(async () => {
    api = await variantApi(k, 'editor');
    await method(api, { path: '/pets', httpMethod: 'POST', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'POST', uri: 'http://127.0.0.1:9/pets' } });
    await deploy(api, 'prod', { variables: { color: 'red', size: 'L' } });
  });

  it('lists resources, methods and integrations, and copies the invoke URL', async () => {
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}`);
    try {
      await c.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const resources = (await c.page.locator('#resources').textContent())!;
      expect(resources).toContain('/pets');
      expect(resources).toContain('POST HTTP_PROXY · POST · http://127.0.0.1:9/pets');
      expect(resources).toContain('GET MOCK');
      const url = `${k.url}/_aws/execute-api/${api.apiId}/prod/`;
      expect(await c.page.locator('#stages').textContent()).toContain(url);
      await c.page.getByRole('button', { name: 'Copy invoke URL of prod' }).first().click();
      await expect.poll(() => c.page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      // The URL it copied answers.
      expect((await fetch(url)).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('saves settings, throttling and logging with the matching UpdateStage paths', async () => {
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/settings`);
    const { page } = c;
    try {
      await page.getByLabel('Stage description').fill('Production');
      await page.getByLabel('Enable X-Ray tracing').check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await waitForStageJson(page, (s) => s.description === 'Production');
      expect(await getStage(api, 'prod')).toMatchObject({ description: 'Production', tracingEnabled: true, cacheClusterEnabled: false });

      await page.locator('#throttle-rate').fill('100');
      await page.locator('#throttle-burst').fill('50');
      await page.locator('#throttle-save').click();
      await waitForStageJson(page, (s) => s.methodSettings?.['*/*']?.throttlingRateLimit === 100);
      expect((await getStage(api, 'prod')).methodSettings?.['*/*']).toMatchObject({ throttlingRateLimit: 100, throttlingBurstLimit: 50 });

      await page.getByLabel('Method', { exact: true }).selectOption({ label: '/pets POST' });
      await page.locator('#ms-add-rate').fill('5');
      await page.locator('#ms-add-burst').fill('2');
      await page.locator('#ms-add-save').click();
      await waitForStageJson(page, (s) => s.methodSettings?.['~1pets/POST'] !== undefined);
      expect((await getStage(api, 'prod')).methodSettings?.['~1pets/POST']).toMatchObject({ throttlingRateLimit: 5, throttlingBurstLimit: 2 });
      await page.getByRole('button', { name: 'Remove the settings of /pets POST' }).click();
      await waitForStageJson(page, (s) => s.methodSettings?.['~1pets/POST'] === undefined);
      expect(Object.keys((await getStage(api, 'prod')).methodSettings ?? {})).toEqual(['*/*']);

      await page.getByRole('link', { name: 'Logs' }).click();
      await page.getByLabel('CloudWatch execution log level').selectOption('INFO');
      await page.getByLabel('Enable detailed CloudWatch metrics').check();
      await page.getByRole('button', { name: 'Save logging' }).click();
      await waitForStageJson(page, (s) => s.methodSettings?.['*/*']?.loggingLevel === 'INFO');
      expect((await getStage(api, 'prod')).methodSettings?.['*/*']).toMatchObject({ loggingLevel: 'INFO', metricsEnabled: true, dataTraceEnabled: false, throttlingRateLimit: 100 });

      await page.getByRole('button', { name: 'Fill in an example' }).click();
      await page.getByRole('button', { name: 'Save access logging' }).click();
      await waitForStageJson(page, (s) => s.accessLogSettings !== undefined);
      expect((await getStage(api, 'prod')).accessLogSettings).toEqual({
        destinationArn: `arn:aws:logs:us-east-1:000000000000:log-group:access-logs-${api.apiId}-prod`,
        format: expect.stringContaining('"requestId":"$context.requestId"'),
      });
      await page.getByRole('button', { name: 'Turn off access logging' }).click();
      await waitForStageJson(page, (s) => s.accessLogSettings === undefined);
      expect((await getStage(api, 'prod')).accessLogSettings).toBeUndefined();
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('edits, renames and deletes stage variables', async () => {
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/variables`);
    const { page } = c;
    try {
      await page.locator('#var-color-value').fill('blue');
      await page.getByRole('button', { name: 'Save stage variable color' }).click();
      await waitForStageJson(page, (s) => s.variables?.color === 'blue');
      expect((await getStage(api, 'prod')).variables).toEqual({ color: 'blue', size: 'L' });

      await page.locator('#var-size-name').fill('tshirt_size');
      await page.getByRole('button', { name: 'Save stage variable size' }).click();
      await waitForStageJson(page, (s) => s.variables?.tshirt_size === 'L');
      expect((await getStage(api, 'prod')).variables).toEqual({ color: 'blue', tshirt_size: 'L' });
      const renamed = c.requests.filter((r) => r.method === 'PATCH').at(-1)!;
      expect(JSON.parse(renamed.body!)).toEqual({
        patchOperations: [
          { op: 'remove', path: '/variables/size' },
          { op: 'replace', path: '/variables/tshirt_size', value: 'L' },
        ],
      });

      await page.getByRole('button', { name: 'Delete stage variable color' }).click();
      await waitForStageJson(page, (s) => s.variables?.color === undefined);
      expect((await getStage(api, 'prod')).variables).toEqual({ tshirt_size: 'L' });
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
