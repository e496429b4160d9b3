// The AWS guide's console procedure for canary releases (seed 001), click by click in the web
// console: deploy to a new stage, stage cache, stage variables, Create Canary at 5.0 %, an
// override, use of the stage cache, deploy to the canary with a description, a new percentage,
// promote (keep at 0.0 %, or remove), delete. After each step GetStage (SDK) must show what the
// guide says, the page must show that stage JSON, and the page must have sent only public calls.
import { CreateDeploymentCommand, GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { browserAvailable, openConsole, useBrowser, type ConsolePage } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { getStage, method } from '../../integration/gateway/api.js';
import { variantApi, waitForStageJson } from './console-fixture.js';

const ready = browserAvailable('console: seed 001 procedure');

/** The page's changing requests: only API Gateway's public REST paths. */
function changes(c: ConsolePage) {
  return c.requests.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, path: r.path, body: r.body === null ? null : JSON.parse(r.body) }));
}

describe.skipIf(!ready)('console: seed 001, the AWS guide’s canary procedure', () => {
  const k = useKanaria();
  const b = useBrowser();

  it('creates, configures, deploys to, promotes and deletes a canary through the page', async () => {
    const api = await variantApi(k, 'seed-001');
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}`);
    const { page } = c;
    const stageHref = `#/apis/${api.apiId}/stages/prod`;
    try {
      // Deploy API → [New stage] prod.
      await page.getByLabel('Deployment stage').selectOption('__new__');
      await page.getByLabel('New stage name').fill('prod');
      await page.getByLabel('Deployment description').fill('first version');
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      await page.getByRole('link', { name: 'prod' }).waitFor();
      let stage = await getStage(api, 'prod');
      const first = stage.deploymentId!;
      expect(stage).toMatchObject({ stageName: 'prod', cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE' });
      expect(stage.canarySettings).toBeUndefined();

      // Stage Editor → Settings: enable the API cache (step 5).
      await page.goto(`${k.url}/_kanaria/${stageHref}/settings`);
      await page.getByLabel('Enable API cache').check();
      await page.getByRole('button', { name: 'Save settings' }).click();
      await waitForStageJson(page, (s) => s.cacheClusterEnabled === true);
      expect(await getStage(api, 'prod')).toMatchObject({ cacheClusterEnabled: true, cacheClusterStatus: 'AVAILABLE', cacheClusterSize: '0.5' });

      // Stage Variables (step 6): sv0=val0, sv1=val1 as in the guide's example.
      await page.getByRole('link', { name: 'Stage variables' }).click();
      for (const [name, value] of [['sv0', 'val0'], ['sv1', 'val1']]) {
        await page.locator('#var-new-name').fill(name);
        await page.locator('#var-new-value').fill(value);
        await page.getByRole('button', { name: 'Add stage variable' }).click();
        await waitForStageJson(page, (s) => s.variables?.[name] === value);
      }
      expect((await getStage(api, 'prod')).variables).toEqual({ sv0: 'val0', sv1: 'val1' });

      // Canary → Create Canary with 5.0 % (steps 8–9): the canary starts on the stage's deployment.
      await page.getByRole('link', { name: 'Canary' }).click();
      await page.getByLabel('Percentage of requests to canary').fill('5.0');
      await page.getByRole('button', { name: 'Create canary' }).click();
      await waitForStageJson(page, (s) => s.canarySettings?.percentTraffic === 5);
      stage = await getStage(api, 'prod');
      expect(stage.canarySettings).toEqual({ deploymentId: first, percentTraffic: 5, useStageCache: false });
      expect(stage.deploymentId).toBe(first);

      // Canary stage variables (step 10): override sv1, add sv2 only the canary sees.
      for (const [name, value] of [['sv1', 'val2'], ['sv2', 'val3']]) {
        await page.locator('#ovr-new-name').fill(name);
        await page.locator('#ovr-new-value').fill(value);
        await page.getByRole('button', { name: 'Add canary override' }).click();
        await waitForStageJson(page, (s) => s.canarySettings?.stageVariableOverrides?.[name] === value);
      }
      // Edit one and check the editor shows which are overrides.
      expect((await getStage(api, 'prod')).canarySettings?.stageVariableOverrides).toEqual({ sv1: 'val2', sv2: 'val3' });
      await expect.poll(() => page.locator('#ovr-editor').textContent()).toContain("Overrides the stage's value val1");

      // Enable use of stage cache (step 11).
      await page.getByLabel('Enable use of stage cache').check();
      await waitForStageJson(page, (s) => s.canarySettings?.useStageCache === true);
      expect((await getStage(api, 'prod')).canarySettings?.useStageCache).toBe(true);

      // Change the API, then Deploy API to the canary with a description.
      await method(api, { path: '/v2', httpMethod: 'GET', integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }, responses: [{ statusCode: '200' }] });
      await page.getByLabel('Deployment description').fill('second version, canary');
      await page.getByRole('button', { name: 'Deploy to canary' }).click();
      const shownAfterDeploy = await waitForStageJson(page, (s) => s.canarySettings?.deploymentId !== first);
      const { items = [] } = await api.client.send(new GetDeploymentsCommand({ restApiId: api.apiId }));
      const second = items.find((d) => d.description === 'second version, canary')!.id!;
      expect(await getStage(api, 'prod')).toMatchObject({
        deploymentId: first,
        variables: { sv0: 'val0', sv1: 'val1' },
        canarySettings: { deploymentId: second, percentTraffic: 5, useStageCache: true, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } },
      });
      expect(shownAfterDeploy.canarySettings.deploymentId).toBe(second);

      // A new percentage typed exactly (one decimal).
      await page.getByLabel('Percentage of requests to canary', { exact: true }).fill('10.5');
      await page.getByRole('button', { name: 'Save percentage' }).click();
      await waitForStageJson(page, (s) => s.canarySettings?.percentTraffic === 10.5);
      expect((await getStage(api, 'prod')).canarySettings?.percentTraffic).toBe(10.5);

      // Promote, keeping the canary at 0.0 %: the guide's copy operations.
      await page.getByLabel('Keep the canary at 0.0 %').check();
      await page.getByRole('button', { name: 'Promote canary' }).click();
      await waitForStageJson(page, (s) => s.deploymentId === second);
      expect(await getStage(api, 'prod')).toMatchObject({
        deploymentId: second,
        variables: { sv0: 'val0', sv1: 'val2', sv2: 'val3' },
        canarySettings: { deploymentId: second, percentTraffic: 0, useStageCache: true, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } },
      });

      // Delete the canary (with its confirmation).
      await page.getByRole('button', { name: 'Delete canary', exact: true }).click();
      await page.getByRole('button', { name: 'Yes, delete the canary' }).click();
      await waitForStageJson(page, (s) => s.canarySettings === undefined);
      stage = await getStage(api, 'prod');
      expect(stage.canarySettings).toBeUndefined();
      expect(stage).toMatchObject({ deploymentId: second, variables: { sv0: 'val0', sv1: 'val2', sv2: 'val3' } });
      expect(await page.getByRole('button', { name: 'Create canary' }).isVisible()).toBe(true);

      // The page showed GetStage's answer, and changed things only through public operations.
      const shown = await waitForStageJson(page, () => true);
      expect(shown).toEqual(JSON.parse(JSON.stringify({ ...stage, createdDate: Math.floor(stage.createdDate!.getTime() / 1000), lastUpdatedDate: Math.floor(stage.lastUpdatedDate!.getTime() / 1000) })));
      const sent = changes(c);
      const stagePath = `/restapis/${api.apiId}/stages/prod`;
      for (const r of sent) expect([`PATCH ${stagePath}`, `POST /restapis/${api.apiId}/deployments`]).toContain(`${r.method} ${r.path}`);
      expect(sent.find((r) => r.body?.patchOperations?.some((op: { op: string }) => op.op === 'copy'))?.body).toEqual({
        patchOperations: [
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        ],
      });
      expect(sent.find((r) => r.body?.canarySettings)?.body).toEqual({
        stageName: 'prod',
        description: 'second version, canary',
        canarySettings: { percentTraffic: 5, useStageCache: true, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } },
      });
      expect(sent.at(-1)?.body).toEqual({ patchOperations: [{ op: 'remove', path: '/canarySettings' }] });
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('promotes and removes the canary in one go when the user chooses removal', async () => {
    const api = await variantApi(k, 'seed-001-remove');
    const base = await api.client.send(new CreateDeploymentCommand({ restApiId: api.apiId, stageName: 'prod', variables: { v: 'ver1' } }));
    const canary = await api.client.send(
      new CreateDeploymentCommand({ restApiId: api.apiId, stageName: 'prod', canarySettings: { percentTraffic: 20, stageVariableOverrides: { v: 'ver2' } } }),
    );
    const c = await openConsole(b.browser, k.url, `#/apis/${api.apiId}/stages/prod/canary`);
    try {
      await c.page.getByLabel('Remove the canary').check();
      await c.page.getByRole('button', { name: 'Promote canary' }).click();
      await waitForStageJson(c.page, (s) => s.canarySettings === undefined);
      const stage = await getStage(api, 'prod');
      expect(stage.deploymentId).toBe(canary.id);
      expect(stage.deploymentId).not.toBe(base.id);
      expect(stage.variables).toEqual({ v: 'ver2' });
      expect(stage.canarySettings).toBeUndefined();
      expect(changes(c).map((r) => r.body)).toEqual([
        {
          patchOperations: [
            { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
            { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          ],
        },
        { patchOperations: [{ op: 'remove', path: '/canarySettings' }] },
      ]);
      // The requests panel shows the same calls as AWS CLI commands.
      await c.page.getByText('Same call with the AWS CLI').first().click();
      expect(await c.page.locator('#requests-sent').textContent()).toContain(`aws apigateway update-stage --endpoint-url ${k.url} --rest-api-id '${api.apiId}' --stage-name 'prod' --patch-operations '[{"op":"remove","path":"/canarySettings"}]'`);
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
