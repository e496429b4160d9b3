// The /_kanaria/rollouts JSON API: bad input answered with a 4XX {"message"} that names the
// problem and changes nothing (stage and rollouts as before); pause/resume/promote/abort; a
// canary created from a deployment id; one rollout per stage; lists, filters and plans.
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, deploymentOnly, getStage, mockMethod, type TestApi } from '../gateway/api.js';
import { rolloutsApi } from './setup.js';

describe('rollouts: the JSON API', () => {
  const k = useKanaria();
  let api: TestApi;
  let canaryId: string;
  let plainId: string;
  const LONG = [{ weight: 10, hold: '1h' }, { weight: 50, hold: '1h' }];
  const NO_GATES = { errorRate: false, latency: false };

  beforeAll(async () => {
    api = await createApi(apigateway(k), 'rollout-api');
    await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
    await deploy(api, 'dev', { variables: { v: '1' } });
    canaryId = await deploy(api, 'dev', { canary: { percentTraffic: 5, stageVariableOverrides: { v: '2' } } });
    plainId = await deploy(api, 'plain', { variables: { v: '1' } });
  });

  it('refuses bad input clearly and leaves the stage and the rollouts as they were', async () => {
    const r = rolloutsApi(k);
    const before = await getStage(api, 'dev');
    const ok = { restApiId: api.apiId, stageName: 'dev', plan: 'Canary10Percent5Minutes' };
    const cases: [unknown, number, RegExp | string][] = [
      [{ ...ok, plan: 'Canary10Percent7Minutes' }, 400, /^plan: unknown plan 'Canary10Percent7Minutes'; use one of Canary10Percent5Minutes/],
      [{ ...ok, plan: [{ weight: 150, hold: '1m' }] }, 400, 'plan: step 1: weight 150 is out of range; a weight is a percentage above 0 and at most 100'],
      [{ ...ok, plan: [{ weight: 10 }] }, 400, /^plan: must be a plan name .*: 0\.hold: Invalid input/],
      [{ ...ok, plan: 42 }, 400, /^plan: must be a plan name/],
      [{ ...ok, stageName: 'nope' }, 404, `stage 'nope' of REST API '${api.apiId}' not found (account 000000000000, region us-east-1)`],
      [{ ...ok, restApiId: 'zzzzzzzzzz' }, 404, /^stage 'dev' of REST API 'zzzzzzzzzz' not found/],
      [{ ...ok, stageName: 'plain' }, 400, /^stage 'plain' of REST API '\w+' has no canary to roll out: create one/],
      [{ ...ok, deploymentId: 'abcdefghij' }, 409, /already has a canary on deployment/],
      [{ ...ok, timeScale: 0 }, 400, 'timeScale: Too small: expected number to be >0'],
      [{ ...ok, colour: 'red' }, 400, 'body: Unrecognized key: "colour"'],
      [{ ...ok, gates: { minRequests: 0 } }, 400, /^gates\.minRequests: Too small/],
      [{ ...ok, gates: { window: '2 minutes' } }, 400, /^gates\.window: duration '2 minutes' is not a duration/],
      [{ ...ok, gates: { alarm: { metric: 'Count', statistic: 'p99', threshold: 1 } } }, 400, 'gates.alarm.statistic: Count has the statistics Sum, SampleCount'],
      [{ ...ok, sticky: { header: 'x-a', cookie: 'b' } }, 400, 'sticky: give exactly one of header or cookie'],
      [{ ...ok, hooks: { preTraffic: 'no-such-function' } }, 400, /^hooks\.preTraffic: function 'no-such-function' cannot be invoked \(ResourceNotFoundException: /],
      [{ restApiId: api.apiId }, 400, /stageName: Invalid input: expected string, received undefined; plan: /],
    ];
    for (const [body, status, message] of cases) {
      const answer = await r.start(body);
      expect([answer.status, answer.body.message], JSON.stringify(body)).toEqual([status, typeof message === 'string' ? message : expect.stringMatching(message)]);
    }
    const malformed = await r.call('POST', '', undefined, '{"restApiId": ');
    expect(malformed).toEqual({ status: 400, body: { message: expect.stringMatching(/^malformed JSON in request body: /) } });
    expect(await r.call('POST', '')).toEqual({ status: 400, body: { message: 'a rollout needs a JSON body: {"restApiId": …, "stageName": …, "plan": …}' } });
    expect((await r.call('DELETE', '')).status).toBe(405);
    expect(await getStage(api, 'dev')).toEqual(before);
    expect((await r.list()).body.rollouts).toEqual([]);
  });

  it('pauses with the hold frozen, resumes, refuses what does not apply, and promotes', async () => {
    const r = rolloutsApi(k);
    const started = await r.start({ restApiId: api.apiId, stageName: 'dev', plan: LONG, gates: NO_GATES });
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect(started.body.plan).toEqual({ name: 'custom', steps: [{ weight: 10, holdMs: 3_600_000, scaledHoldMs: 3_600_000 }, { weight: 50, holdMs: 3_600_000, scaledHoldMs: 3_600_000 }], then: 'promote (100%)' });

    const second = await r.start({ restApiId: api.apiId, stageName: 'dev', plan: 'AllAtOnce' });
    expect(second).toEqual({ status: 409, body: { message: `stage 'dev' of REST API '${api.apiId}' already has rollout ${id} in progress (holding); pause, promote or abort it first` } });
    expect(await r.start({ restApiId: api.apiId, stageName: 'dev', plan: 'AllAtOnce', deploymentId: 'abcdefghij' })).toEqual(second);

    const paused = await r.command(id, 'pause');
    expect(paused.body).toMatchObject({ status: 'paused', weight: 10, step: { number: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await r.get(id)).body.step.remainingMs).toBe(paused.body.step.remainingMs);
    expect((await getStage(api, 'dev')).canarySettings?.percentTraffic).toBe(10);
    expect(await r.command(id, 'pause')).toEqual({ status: 409, body: { message: `rollout ${id} is paused: only a rollout holding a step can be paused` } });
    expect((await r.command(id, 'resume')).body).toMatchObject({ status: 'holding', step: { number: 1 } });
    expect(await r.command(id, 'resume', { because: 'x' })).toEqual({ status: 400, body: { message: 'body: Unrecognized key: "because"' } });
    expect(await r.command(id, 'skip')).toEqual({ status: 404, body: { message: "unknown command 'skip'; use one of pause, resume, promote, abort" } });
    expect((await r.call('GET', `/${id}/pause`)).status).toBe(405);

    const promoted = await r.command(id, 'promote', { reason: 'ship it' });
    expect(promoted.body).toMatchObject({ status: 'succeeded', active: false, reason: 'promoted by hand (ship it)' });
    const stage = await getStage(api, 'dev');
    expect([stage.deploymentId, stage.variables, stage.canarySettings]).toEqual([canaryId, { v: '2' }, undefined]);
    expect(await r.command(id, 'abort')).toEqual({ status: 409, body: { message: `rollout ${id} is succeeded: it has already ended` } });
    expect(await r.get('r-nothere')).toEqual({ status: 404, body: { message: "no rollout 'r-nothere'" } });
  });

  it('creates the canary from a deployment id with overrides, and abort removes it', async () => {
    const r = rolloutsApi(k);
    const v3 = await deploymentOnly(api);
    const started = await r.start({ restApiId: api.apiId, stageName: 'plain', plan: LONG, deploymentId: v3, stageVariableOverrides: { v: '3' }, gates: NO_GATES });
    expect(started.status).toBe(201);
    expect(started.body.history[0].patches).toEqual([
      { op: 'replace', path: '/canarySettings/deploymentId', value: v3 },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/v', value: '3' },
    ]);
    expect((await getStage(api, 'plain')).canarySettings).toEqual({ deploymentId: v3, percentTraffic: 10, stageVariableOverrides: { v: '3' }, useStageCache: false });
    const missing = await r.start({ restApiId: api.apiId, stageName: 'dev', plan: LONG, deploymentId: 'abcdefghij' });
    expect(missing).toEqual({ status: 400, body: { message: "the stage refused the rollout's first change: BadRequestException: Deployment id does not exist" } });
    expect((await getStage(api, 'dev')).canarySettings).toBeUndefined();

    const aborted = await r.command(started.body.id, 'abort', { reason: 'not today' });
    expect(aborted.body).toMatchObject({ status: 'aborted', weight: 0, reason: 'aborted by hand (not today)' });
    const stage = await getStage(api, 'plain');
    expect([stage.deploymentId, stage.variables, stage.canarySettings]).toEqual([plainId, { v: '1' }, undefined]);
  });

  it('lists rollouts newest first with filters, and the named plans', async () => {
    const r = rolloutsApi(k);
    const all = (await r.list()).body.rollouts;
    expect(all.map((x: any) => [x.stageName, x.status])).toEqual([['plain', 'aborted'], ['dev', 'succeeded']]);
    expect((await r.list(`stageName=dev`)).body.rollouts).toHaveLength(1);
    expect((await r.list(`active=true`)).body.rollouts).toEqual([]);
    expect(await r.list('active=maybe')).toEqual({ status: 400, body: { message: expect.stringMatching(/^active: Invalid option/) } });
    const plans = (await r.call('GET', '/plans')).body.plans;
    expect(plans.map((p: any) => p.name)).toContain('Linear10PercentEvery3Minutes');
    expect(plans.find((p: any) => p.name === 'AllAtOnce').steps).toEqual([]);
  });
});
