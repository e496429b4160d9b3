// Killing Kanaria mid-rollout: a child `kanaria start` on a data directory is sent SIGKILL during
// a hold and started again on the same directory. The rollout is at the same step and weight (in
// its status and in GetStage) and the step ends when the stored hold said, not a full hold later.
// The child is the built CLI (`npm test` builds dist/ first), as a user would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KanariaFixture } from '../../helpers/kanaria.js';
import { clientConfig } from '../../helpers/kanaria.js';
import { apigateway, createApi, getStage, mockMethod, stageUrl, type TestApi } from '../gateway/api.js';
import { canaryStage, rolloutsApi, untilRollout } from './setup.js';

const BIN = join(import.meta.dirname, '../../../bin/kanaria.js');

/** `kanaria start --port 0 --data-dir DIR` in a child process; resolves once it listens. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; fixture: KanariaFixture }> {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir, '--debug-headers'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`kanaria exited (${code}) before listening: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Kanaria listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        child.removeAllListeners('exit');
        const kanaria = { url, port: Number(new URL(url).port) };
        resolve({ child, fixture: { kanaria, url, clientConfig: clientConfig(kanaria) } as unknown as KanariaFixture });
      }
    });
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('rollouts: a restart mid-rollout', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kanaria-data-'));
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await killed(c);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives SIGKILL: same step and weight afterwards, and the stored hold end is kept', async () => {
    const first = await startChild(dataDir);
    children.push(first.child);
    const api: TestApi = await createApi(apigateway(first.fixture), 'rollout-restart');
    await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
    const { canaryId } = await canaryStage(api, 'dev', '1', '2', 'v');
    const plan = [{ weight: 10, hold: '1s' }, { weight: 40, hold: '6s' }, { weight: 70, hold: '1s' }];
    const started = await rolloutsApi(first.fixture).start({ restApiId: api.apiId, stageName: 'dev', plan, gates: { errorRate: false, latency: false } });
    expect(started.status).toBe(201);
    const id = started.body.id;

    const atStep2 = await untilRollout(first.fixture, id, 'step 2', (view) => view.step.number === 2);
    expect(atStep2).toMatchObject({ status: 'holding', weight: 40 });
    const holdEndsAt: number = atStep2.holdEndsAt;
    await new Promise((r) => setTimeout(r, 1000));
    first.child.kill('SIGKILL');
    await killed(first.child);

    const second = await startChild(dataDir);
    children.push(second.child);
    const restartedAt = Date.now();
    const after = (await rolloutsApi(second.fixture).get(id)).body;
    expect(after).toMatchObject({ status: 'holding', stepIndex: 1, weight: 40, holdEndsAt, step: { number: 2, holdMs: 6000 } });
    expect(after.step.remainingMs).toBeLessThan(6000 - 1000);
    expect(after.history.at(-1)).toMatchObject({ event: 'restarted', stepIndex: 1, weight: 40 });
    const stage = await getStage(api, 'dev', apigateway(second.fixture));
    expect(stage.canarySettings).toMatchObject({ deploymentId: canaryId, percentTraffic: 40 });
    // The canary still answers (the data plane was rebuilt from the stored stage).
    const res = await fetch(stageUrl(second.fixture, api.apiId, 'dev'));
    expect(res.status).toBe(200);

    const atStep3 = await untilRollout(second.fixture, id, 'step 3', (view) => view.step.number === 3, 15_000);
    // Step 3 began when the stored hold ended, well before a hold restarted at the restart would.
    expect(Math.abs(atStep3.stepStartedAt - holdEndsAt)).toBeLessThan(300);
    expect(atStep3.stepStartedAt).toBeLessThan(restartedAt + 6000 - 1000);
    expect((await getStage(api, 'dev', apigateway(second.fixture))).canarySettings?.percentTraffic).toBe(70);

    const promoted = await rolloutsApi(second.fixture).command(id, 'promote');
    expect(promoted.body.status).toBe('succeeded');
    const final = await getStage(api, 'dev', apigateway(second.fixture));
    expect([final.deploymentId, final.variables, final.canarySettings]).toEqual([canaryId, { v: '2' }, undefined]);
  });
});
