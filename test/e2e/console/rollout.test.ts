// The Rollout tab in a browser, against the real /_kanaria/rollouts API: a time-scaled custom
// plan started from the page walks every step under traffic and ends promoted (GetStage agrees);
// a Lambda canary failing 20 % of requests is rolled back by the error gate and the page says
// why; pause, resume, a cancelled abort and a confirmed promotion from the keyboard, each seen in
// the JSON API; the API's refusals next to the fields they name; no horizontal overflow at
// 1280×800 and 390×844 (KANARIA_DOCS_SCREENSHOTS=1 also writes docs/console-rollout.png).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rollout as rolloutCli } from '../../../src/cli/rollout.js';
import { DEFAULT_GATES } from '../../../src/rollouts/gates.js';
import { StartRolloutSchema, toSpec } from '../../../src/rollouts/schema.js';
import { browserAvailable, expectNoHorizontalOverflow, openConsole, useBrowser, type ConsolePage } from '../../helpers/browser.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { getStage, type TestApi } from '../../integration/gateway/api.js';
import { canaryStage, functionsFor, HANDLERS, lambdaApi, rolloutsApi, startLoad, untilEnded, warm } from '../../integration/rollouts/setup.js';
import { focusedId, tabTo, variantApi, waitForStageJson } from './console-fixture.js';

const ready = browserAvailable('console: rollout tab');
const OUT = join(process.cwd(), 'test-results', 'console');
const DOCS = process.env.KANARIA_DOCS_SCREENSHOTS === '1' ? join(process.cwd(), 'docs') : null;

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();

/** The page's calls to the rollout API that change something, with their JSON bodies. */
const rolloutPosts = (c: ConsolePage) => c.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/_kanaria/rollouts')).map((r) => ({ path: r.path, body: r.body ? JSON.parse(r.body) : undefined }));

/** Splits a shell command the page shows into its words, as sh would. */
const shellWords = (command: string) => execFileSync('sh', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' }).split('\0').slice(0, -1);

describe.skipIf(!ready)('console: the Rollout tab', () => {
  const k = useKanaria({ debugHeaders: true });
  const b = useBrowser();
  let api: TestApi;
  const tab = (stageName: string) => `#/apis/${api.apiId}/stages/${stageName}/rollout`;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    api = await variantApi(k, 'rollout-console');
  });

  it('starts a time-scaled custom plan from the tab and follows it through every step to promoted', { timeout: 90_000 }, async () => {
    const ids = await canaryStage(api, 'walk', 'ver1', 'ver2', 'v');
    const c = await openConsole(b.browser, k.url, tab('walk'));
    const { page } = c;
    const load = startLoad(k, api, 'walk', 2);
    try {
      // The form: CodeDeploy's plans, and the gates' defaults as the API gives them.
      const catalogue = (await rolloutsApi(k).call('GET', '/plans')).body;
      const options = await page.locator('#rollout-plan option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      expect(options).toEqual([...catalogue.plans.map((p: { name: string }) => p.name), 'custom']);
      expect(options).toContain('Linear10PercentEvery1Minute');
      expect(await page.locator('#rollout-gate-minRequests').inputValue()).toBe(String(catalogue.gates.minRequests));
      expect(await page.locator('#rollout-gate-errorRate-max').inputValue()).toBe('5');
      expect(await page.locator('#rollout-gate-latency-p99ToleranceMs').inputValue()).toBe('50');
      expect(await page.locator('#rollout-gate-interval').inputValue()).toBe('10s');
      expect(await page.locator('#rollout-gate-latency-p99MaxMs').inputValue()).toBe('');
      // What the API advertises as its defaults is what a start without gates gets.
      const advertised = StartRolloutSchema.parse({ restApiId: 'a', stageName: 'b', plan: 'AllAtOnce', gates: catalogue.gates });
      expect(toSpec(advertised, { accountId: '1', region: 'r' }).gates).toEqual(DEFAULT_GATES);
      await page.getByLabel('Time scale').fill('0.01');
      expect(await text(page, '#rollout-plan-summary')).toBe('At time scale 0.01: 10 % for 3.0 s → promote (100 %)');

      // Custom steps: 10 % then 30 % then 60 %, holds 10, 5 and 5 minutes (6 s, 3 s, 3 s here).
      await page.getByLabel('Plan', { exact: true }).selectOption('custom');
      await page.getByRole('button', { name: 'Add step' }).click();
      expect(await focusedId(page)).toBe('rollout-step-3-weight');
      const steps: [string, string][] = [['10', '10m'], ['30', '5m'], ['60', '5m']];
      for (const [i, [weight, hold]] of steps.entries()) {
        await page.getByLabel(`Step ${i + 1} weight (%)`).fill(weight);
        await page.getByLabel(`Step ${i + 1} hold`).fill(hold);
      }
      await page.getByRole('button', { name: 'Start rollout' }).click();
      await page.locator('#rollout-now-title').waitFor();
      const posts = rolloutPosts(c);
      expect(posts).toEqual([{ path: '/_kanaria/rollouts', body: { restApiId: api.apiId, stageName: 'walk', plan: steps.map(([w, hold]) => ({ weight: Number(w), hold })), timeScale: 0.01 } }]);
      const id = (await text(page, '#rollout-now-title')).replace('Rollout ', '');

      // Each step in turn: highlighted in the bar, its weight, its hold counting down every second.
      for (const [i, [weight]] of steps.entries()) {
        await page.locator('#rollout-step-bar li[aria-current="step"]', { hasText: `Step ${i + 1}` }).waitFor({ timeout: 15_000 });
        await page.locator('#rollout-status', { hasText: `step ${i + 1} of 3, canary at ${weight} %` }).waitFor();
        if (i === 0) {
          const left = /^([\d.]+) s left of 6\.0 s in step 1 of 3\.$/;
          const first = Number(left.exec(await text(page, '#rollout-time-left'))?.[1]);
          await page.waitForFunction(([was]) => {
            const m = /^([\d.]+) s left of 6\.0 s in step 1 of 3\.$/.exec(document.querySelector('#rollout-time-left')?.textContent ?? '');
            return m !== null && Number(m[1]) < Number(was);
          }, [first]);
          expect(await text(page, '#rollout-weight')).toContain('Canary (' + ids.canaryId + '): 10.0 %');
        }
      }
      await page.locator('#rollout-outcome', { hasText: 'Promoted' }).waitFor({ timeout: 20_000 });
      const done = (await rolloutsApi(k).get(id)).body;
      expect(done).toMatchObject({ status: 'succeeded', reason: 'every step passed' });
      expect(await text(page, '#rollout-reason')).toBe('Reason: every step passed');
      const states = await page.locator('#rollout-step-bar li .state').allTextContents();
      expect(states).toEqual(['passed', 'passed', 'passed', 'done']);

      // The history: every entry of the API's, in order, with the patches sent.
      const entries = await page.locator('#rollout-history > li').allTextContents();
      expect(done.history.map((e: { event: string }) => e.event)).toEqual(['started', 'shift', 'stepPassed', 'shift', 'stepPassed', 'shift', 'stepPassed', 'promoted']);
      expect(entries).toHaveLength(done.history.length);
      done.history.forEach((e: { message: string }, i: number) => expect(entries[i]).toContain(e.message));
      expect(entries[1]).toContain('UpdateStage sent: replace /canarySettings/percentTraffic 10.0');
      expect(entries[2]).toMatch(/Step passed: step 1 of 3 passed: gates passed/);
      expect(entries.at(-1)).toContain('copy /canarySettings/deploymentId → /deploymentId, copy /canarySettings/stageVariableOverrides → /variables, remove /canarySettings');

      // The stage was promoted, by GetStage and on the page.
      const stage = await getStage(api, 'walk');
      expect([stage.deploymentId, stage.variables, stage.canarySettings]).toEqual([ids.canaryId, { v: 'ver2' }, undefined]);
      await waitForStageJson(page, (s) => s.deploymentId === ids.canaryId && s.canarySettings === undefined);
      const stats = await load.stop();
      expect(stats.failures).toBe(0);
      expect(stats.byVariant.canary?.[200]).toBeGreaterThan(0);

      // The request shown with its CLI equivalent starts the same rollout from the command line.
      const calls = await text(page, '#requests-sent');
      expect(calls).toContain('StartRollout → 201');
      const cli = await page.locator('#requests-sent pre.cli').first().textContent();
      expect(cli).toMatch(/^npx kanaria rollout start --endpoint http:\/\/127\.0\.0\.1:\d+ /);
      await canaryStage(api, 'walk', 'ver1', 'ver2', 'v');
      const log = console.log;
      console.log = () => {};
      try {
        expect(await rolloutCli(shellWords(cli!.replace('npx kanaria rollout ', '')))).toBe(0);
      } finally {
        console.log = log;
      }
      const again = (await rolloutsApi(k).list('stageName=walk&active=true')).body.rollouts[0];
      const twin = (await rolloutsApi(k).get(again.id)).body;
      expect([twin.plan, twin.timeScale, twin.gates]).toEqual([done.plan, done.timeScale, done.gates]);
      await rolloutsApi(k).command(again.id, 'abort');
      expect(c.errors).toEqual([]);
    } finally {
      await load.stop();
      await c.close();
    }
  });

  it('shows a failing Lambda canary rolled back by the error gate, and why', { timeout: 90_000 }, async () => {
    const fnApi = await lambdaApi(k, 'rollout-console-fn');
    await functionsFor(k, fnApi, { 'rc-v1': HANDLERS.v1, 'rc-failing': HANDLERS.failing });
    await warm(k, ['rc-v1', 'rc-failing'], 2);
    const ids = await canaryStage(fnApi, 'fails', 'rc-v1', 'rc-failing');
    const c = await openConsole(b.browser, k.url, `#/apis/${fnApi.apiId}/stages/fails/rollout`);
    const { page } = c;
    const load = startLoad(k, fnApi, 'fails', 3);
    try {
      // CodeDeploy's Canary10Percent5Minutes in real time, gates checked every second.
      await page.getByLabel('Plan', { exact: true }).selectOption('Canary10Percent5Minutes');
      await page.getByLabel('Check every').fill('1s');
      await page.getByRole('button', { name: 'Start rollout' }).click();
      await page.locator('#rollout-outcome', { hasText: 'Rolled back' }).waitFor({ timeout: 20_000 });
      const stats = await load.stop();
      const id = (await text(page, '#rollout-now-title')).replace('Rollout ', '');
      const done = await untilEnded(k, id);
      expect(done.status).toBe('rolledBack');
      expect(done.reason).toMatch(/^gate failed: canary 5XX rate [\d.]+% \(max 5%\)/);
      expect(await text(page, '#rollout-reason')).toBe(`Reason: ${done.reason}`);

      // The gate in words: what was measured, against what, and that it failed.
      const row = page.locator('#rollout-check-errorRate');
      expect(await row.locator('th').textContent()).toBe('Canary 5XX rate');
      expect(Number(/^([\d.]+) %$/.exec(await text(page, '#rollout-check-errorRate .measured'))?.[1])).toBeGreaterThan(5);
      expect(await text(page, '#rollout-check-errorRate .threshold')).toBe('at most 5 %');
      expect(await text(page, '#rollout-check-errorRate .result')).toBe('fails');
      expect(await page.locator('#rollout-step-bar li .state').allTextContents()).toEqual(['rolled back here', 'not reached']);
      const last = (await page.locator('#rollout-history > li').allTextContents()).at(-1);
      expect(last).toContain(`Rolled back: rolled back to deployment ${ids.baseId}: gate failed`);
      expect(last).toContain('UpdateStage sent: replace /canarySettings/percentTraffic 0.0, remove /canarySettings');
      await page.locator('#rollout-history > li').last().locator('summary').click();
      expect(await page.locator('#rollout-history > li').last().locator('.gate-checks').textContent()).toMatch(/fails: canary 5XX rate [\d.]+% \(max 5%\)/);

      const stage = await getStage(fnApi, 'fails');
      expect([stage.deploymentId, stage.variables, stage.canarySettings]).toEqual([ids.baseId, { fn: 'rc-v1' }, undefined]);
      // The base never answered an error; the canary did.
      expect(Object.keys(stats.byVariant.base)).toEqual(['200']);
      expect(stats.byVariant.canary[500]).toBeGreaterThan(0);
      expect(c.errors).toEqual([]);
    } finally {
      await load.stop();
      await c.close();
    }
  });

  it('pauses, resumes, cancels an abort and promotes from the keyboard, as the JSON API reports', { timeout: 60_000 }, async () => {
    const ids = await canaryStage(api, 'steer', 'ver1', 'ver2', 'v');
    const r = rolloutsApi(k);
    const started = await r.start({ restApiId: api.apiId, stageName: 'steer', plan: 'Canary10Percent30Minutes' });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const c = await openConsole(b.browser, k.url, tab('steer'));
    const { page } = c;
    try {
      await page.locator('#rollout-status', { hasText: 'Holding: step 1 of 1, canary at 10 %' }).waitFor();
      expect(await text(page, '#rollout-time-left')).toMatch(/^29 min \d+ s left of 30 min in step 1 of 1\.$/);
      expect(await text(page, '#rollout-gate-summary')).toBe('No check yet: the gates are checked every 10 s, once the canary has had 20 requests.');

      // Pause: Tab to the button, Enter. The API says paused; the time left no longer moves.
      await tabTo(page, '#rollout-pause');
      await page.keyboard.press('Enter');
      await page.locator('#rollout-status', { hasText: 'Paused' }).waitFor();
      expect((await r.get(id)).body).toMatchObject({ status: 'paused', pausedRemainingMs: expect.any(Number) });
      await expect.poll(() => focusedId(page)).toBe('rollout-resume');
      const frozen = await text(page, '#rollout-time-left');
      expect(frozen).toMatch(/^Paused in step 1 of 1 with 29 min \d+ s of 30 min left\.$/);
      await page.waitForTimeout(2200);
      expect(await text(page, '#rollout-time-left')).toBe(frozen);

      // Resume, the same way.
      await page.keyboard.press('Enter');
      await page.locator('#rollout-status', { hasText: 'Holding' }).waitFor();
      expect((await r.get(id)).body.status).toBe('holding');
      await expect.poll(() => focusedId(page)).toBe('rollout-pause');

      // Abort asks first; Escape cancels and nothing is sent.
      await tabTo(page, '#rollout-abort');
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedId(page)).toBe('rollout-abort-reason');
      expect(await text(page, '#rollout-abort-question')).toContain(`the stage stays on deployment ${ids.baseId}`);
      await page.keyboard.press('Escape');
      expect(await page.locator('#rollout-abort-box').isVisible()).toBe(false);
      expect(await focusedId(page)).toBe('rollout-abort');

      // Promote asks too; a reason, Tab to Yes, Enter.
      await page.keyboard.press('Shift+Tab');
      expect(await focusedId(page)).toBe('rollout-promote');
      await page.keyboard.press('Enter');
      expect(await text(page, '#rollout-promote-question')).toContain(`The stage's deployment becomes ${ids.canaryId}`);
      await page.keyboard.type('looks good');
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('rollout-promote-confirm');
      await page.keyboard.press('Enter');
      await page.locator('#rollout-outcome', { hasText: 'Promoted' }).waitFor();
      await expect.poll(() => focusedId(page)).toBe('rollout-outcome');
      expect(await text(page, '#rollout-reason')).toBe('Reason: promoted by hand (looks good)');
      expect((await r.get(id)).body).toMatchObject({ status: 'succeeded', reason: 'promoted by hand (looks good)' });
      expect(rolloutPosts(c)).toEqual([
        { path: `/_kanaria/rollouts/${id}/pause`, body: undefined },
        { path: `/_kanaria/rollouts/${id}/resume`, body: undefined },
        { path: `/_kanaria/rollouts/${id}/promote`, body: { reason: 'looks good' } },
      ]);
      expect((await getStage(api, 'steer')).deploymentId).toBe(ids.canaryId);
      expect(await page.locator('#requests-sent pre.cli').first().textContent()).toMatch(new RegExp(`^npx kanaria rollout promote '${id}' --endpoint http://127\\.0\\.0\\.1:\\d+ --reason 'looks good'$`));
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it("shows the API's refusals next to the fields they name, then starts and aborts", { timeout: 60_000 }, async () => {
    const ids = await canaryStage(api, 'refuse', 'ver1', 'ver2', 'v');
    const before = await getStage(api, 'refuse');
    const c = await openConsole(b.browser, k.url, tab('refuse'));
    const { page } = c;
    const start = page.getByRole('button', { name: 'Start rollout' });
    const refusedBy = 'The rollout API refused this (HTTP 400): ';
    try {
      // An empty step list: the message goes under the list.
      await page.getByLabel('Plan', { exact: true }).selectOption('custom');
      await page.getByRole('button', { name: 'Remove step 2' }).click();
      await page.getByRole('button', { name: 'Remove step 1' }).click();
      expect(await focusedId(page)).toBe('rollout-step-add');
      await start.click();
      await page.locator('#rollout-steps-error').waitFor({ state: 'visible' });
      expect(await text(page, '#rollout-steps-error')).toBe(`${refusedBy}plan: a custom plan needs at least one step, e.g. [{"weight": 10, "hold": "5m"}]`);
      expect(await page.locator('#rollout-steps').getAttribute('aria-invalid')).toBe('true');

      // A weight of 150: under that step's weight.
      await page.getByRole('button', { name: 'Add step' }).click();
      await page.getByLabel('Step 1 weight (%)').fill('150');
      await start.click();
      await page.locator('#rollout-step-1-weight-error').waitFor({ state: 'visible' });
      expect(await text(page, '#rollout-step-1-weight-error')).toBe(`${refusedBy}plan: step 1: weight 150 is out of range; a weight is a percentage above 0 and at most 100`);
      expect(await page.locator('#rollout-steps-error').isVisible()).toBe(false);

      // Two refusals in one answer: each part next to its own field.
      await page.getByLabel('Step 1 weight (%)').fill('10');
      await page.getByLabel('Time scale').fill('0');
      await page.getByLabel('Canary 5XX rate at most (%)').fill('150');
      await start.click();
      await page.locator('#rollout-time-scale-error').waitFor({ state: 'visible' });
      expect(await text(page, '#rollout-time-scale-error')).toBe(`${refusedBy}timeScale: Too small: expected number to be >0`);
      expect(await text(page, '#rollout-gate-errorRate-max-error')).toBe(`${refusedBy}gates.errorRate.max: Too big: expected number to be <=100`);
      expect(await page.locator('#rollout-step-1-weight-error').isVisible()).toBe(false);

      // A sticky header without a name, and a hold that is not a duration.
      await page.getByLabel('Time scale').fill('1');
      await page.getByLabel('Canary 5XX rate at most (%)').fill('5');
      await page.getByLabel('Sticky canary').selectOption('header');
      await page.getByLabel('Step 1 hold').fill('two minutes');
      await start.click();
      await page.locator('#rollout-sticky-name-error').waitFor({ state: 'visible' });
      expect(await text(page, '#rollout-sticky-name-error')).toBe(`${refusedBy}sticky.header: must be a header or cookie name`);
      expect(await text(page, '#rollout-step-1-hold-error')).toContain("plan: step 1 hold 'two minutes' is not a duration");

      // Nothing started, nothing changed; the gates left at their defaults were never sent.
      expect((await rolloutsApi(k).list('stageName=refuse')).body.rollouts).toEqual([]);
      expect(await getStage(api, 'refuse')).toEqual(before);
      expect(rolloutPosts(c).map((p) => p.body.gates)).toEqual([undefined, undefined, { errorRate: { max: 150 } }, undefined]);

      // Fixed, it starts; Abort, confirmed, rolls back with the reason given.
      await page.getByLabel('Step 1 hold').fill('1h');
      await page.getByLabel('Header or cookie name').fill('x-user-id');
      await start.click();
      await page.locator('#rollout-status', { hasText: 'Holding: step 1 of 1, canary at 10 %' }).waitFor();
      expect(await text(page, '#rollout-now .facts')).toContain('Stickyby header x-user-id');
      expect((await getStage(api, 'refuse')).canarySettings?.percentTraffic).toBe(10);
      await page.getByRole('button', { name: 'Abort…' }).click();
      await page.getByLabel('Reason (optional, kept in the history)').last().fill('x'.repeat(201));
      await page.getByRole('button', { name: 'Yes, abort and roll back' }).click();
      await page.locator('#rollout-abort-reason-error').waitFor({ state: 'visible' });
      expect(await text(page, '#rollout-abort-reason-error')).toBe(`${refusedBy}reason: Too big: expected string to have <=200 characters`);
      await page.getByLabel('Reason (optional, kept in the history)').last().fill('wrong build');
      await page.getByRole('button', { name: 'Yes, abort and roll back' }).click();
      await page.locator('#rollout-outcome', { hasText: 'Aborted' }).waitFor();
      expect(await text(page, '#rollout-reason')).toBe('Reason: aborted by hand (wrong build)');
      const stage = await getStage(api, 'refuse');
      expect([stage.deploymentId, stage.variables, stage.canarySettings]).toEqual([ids.baseId, { v: 'ver1' }, undefined]);
      expect(c.errors).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it('fits 1280×800 and 390×844 with a rollout in progress and with the start form', { timeout: 60_000 }, async () => {
    await canaryStage(api, 'layout', 'ver1', 'ver2', 'v');
    await canaryStage(api, 'layout-form', 'ver1', 'ver2', 'v');
    // For the docs, a tenth of real time: a few steps passed by the time of the screenshot.
    const started = await rolloutsApi(k).start({ restApiId: api.apiId, stageName: 'layout', plan: 'Linear10PercentEvery1Minute', timeScale: DOCS ? 0.1 : 1, gates: { interval: DOCS ? '10s' : '1s' } });
    const load = startLoad(k, api, 'layout', 2);
    try {
      // A few gate checks with traffic behind them, so the gates show measured values.
      await new Promise((resolve) => setTimeout(resolve, DOCS ? 15_000 : 2500));
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
        const c = await openConsole(b.browser, k.url, tab('layout'), viewport);
        try {
          await c.page.locator('#rollout-check-errorRate .result', { hasText: 'passes' }).waitFor();
          await expectNoHorizontalOverflow(c.page);
          const size = `${viewport.width}x${viewport.height}`;
          await c.page.screenshot({ path: join(OUT, `rollout-${size}.png`), fullPage: true });
          if (DOCS && viewport.width === 1280) await c.page.screenshot({ path: join(DOCS, 'console-rollout.png'), fullPage: true });
          // The start form, with the custom step editor open, on a stage without a rollout.
          await c.page.goto(`${k.url}/_kanaria/${tab('layout-form')}`);
          await c.page.getByLabel('Plan', { exact: true }).selectOption('custom');
          await c.page.getByRole('button', { name: 'Add step' }).click();
          await expectNoHorizontalOverflow(c.page);
          await c.page.screenshot({ path: join(OUT, `rollout-form-${size}.png`), fullPage: true });
          expect(c.errors).toEqual([]);
        } finally {
          await c.close();
        }
      }
    } finally {
      await load.stop();
      await rolloutsApi(k).command(started.body.id, 'abort');
    }
  });
});
