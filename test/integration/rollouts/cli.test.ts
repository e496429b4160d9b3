// `kanaria rollout …` through the CLI's entry point (src/cli/main.ts, as bin/kanaria.js runs it)
// against a real server: start, status (text and --watch), pause, resume, promote, abort, list,
// and bad input printed as one `kanaria: …` line with a non-zero exit code.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, getStage, mockMethod, type TestApi } from '../gateway/api.js';
import { canaryStage } from './setup.js';

/** Runs `kanaria ARGS`, answering the exit code and what it printed (stdout, stderr). */
async function kanaria(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(`${a.join(' ')}\n`));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    process.exitCode = 0;
    await main(args);
    return { code: Number(process.exitCode ?? 0), out: out.join(''), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    process.exitCode = 0;
  }
}

describe('kanaria rollout (CLI)', () => {
  const k = useKanaria();
  let api: TestApi;
  const target = () => ['--endpoint', k.url, '--api', api.apiId, '--stage', 'dev'];

  beforeAll(async () => {
    api = await createApi(apigateway(k), 'rollout-cli');
    await mockMethod(api, '/', '{"v": "$stageVariables.v"}');
    await canaryStage(api, 'dev', '1', '2', 'v');
  });
  afterEach(() => vi.restoreAllMocks());

  it('starts, shows, pauses, resumes and promotes a rollout', async () => {
    const plan = JSON.stringify([{ weight: 10, hold: '1h' }, { weight: 40, hold: '1h' }]);
    const started = await kanaria('rollout', 'start', ...target(), '--plan', plan, '--no-error-gate', '--no-latency-gate', '--json');
    expect(started.code).toBe(0);
    const view = JSON.parse(started.out);
    expect(view).toMatchObject({ status: 'holding', weight: 10, gates: { errorRate: null, latency: null, minRequests: 20 } });

    const status = await kanaria('rollout', 'status', ...target());
    expect(status.out).toContain(`rollout ${view.id} on ${api.apiId}/dev (us-east-1): holding — step 1 of 2`);
    expect(status.out).toContain('steps  [10%] › 40% › promote');
    // The hold counts down from the start: a busy machine may take more than 50 ms to ask.
    const left = /canary \[###\.{27}\]    10%   hold (\d+\.\d) s left of 3600\.0 s/.exec(status.out);
    expect(left, status.out).not.toBeNull();
    expect(Number(left![1])).toBeGreaterThan(3590);
    expect(Number(left![1])).toBeLessThanOrEqual(3600);
    expect(status.out).toContain('UpdateStage replace /canarySettings/percentTraffic 10.0');

    const second = await kanaria('rollout', 'start', ...target(), '--plan', 'AllAtOnce');
    expect(second).toMatchObject({ code: 1, err: `kanaria: stage 'dev' of REST API '${api.apiId}' already has rollout ${view.id} in progress (holding); pause, promote or abort it first\n` });

    expect((await kanaria('rollout', 'pause', ...target())).out).toMatch(/: paused — step 1 of 2/);
    expect((await kanaria('rollout', 'resume', view.id, '--endpoint', k.url)).out).toMatch(/: holding — step 1 of 2/);
    const promoted = await kanaria('rollout', 'promote', ...target(), '--reason', 'checked by hand');
    expect(promoted.out).toContain('succeeded');
    expect(promoted.out).toContain('promoted by hand (checked by hand)');
    expect((await getStage(api, 'dev')).canarySettings).toBeUndefined();

    const list = await kanaria('rollout', 'list', '--endpoint', k.url, '--api', api.apiId);
    expect(list.out).toMatch(new RegExp(`${view.id} +${api.apiId}/dev +succeeded +1/2 +100% +custom`));
  });

  it('follows a rollout with --watch to its end (exit 0 when promoted) and aborts one', async () => {
    await deploy(api, 'dev', { canary: { percentTraffic: 0, stageVariableOverrides: { v: '3' } } });
    const watched = await kanaria('rollout', 'start', ...target(), '--plan', 'Canary10Percent5Minutes', '--time-scale', '0.002', '--no-error-gate', '--no-latency-gate', '--watch', '--refresh', '100');
    expect(watched.code).toBe(0);
    expect(watched.out).toMatch(/ holding +step 1\/1 \[##\.+\] 10% +hold/);
    expect(watched.out).toMatch(/: succeeded\n/);
    expect(watched.out).toContain('promoted canary deployment');

    await deploy(api, 'dev', { canary: { percentTraffic: 0, stageVariableOverrides: { v: '4' } } });
    await kanaria('rollout', 'start', ...target(), '--plan', 'Canary10Percent30Minutes');
    const aborted = await kanaria('rollout', 'abort', ...target());
    expect(aborted.out).toMatch(/: aborted\n/);
    expect((await getStage(api, 'dev')).variables).toEqual({ v: '3' });
    const nothing = await kanaria('rollout', 'pause', ...target());
    expect(nothing).toMatchObject({ code: 1, err: `kanaria: no rollout in progress on stage dev of REST API ${api.apiId}\n` });
  });

  it('answers bad input with one line and exit code 1', async () => {
    const cases: [string[], string][] = [
      [['start', ...target(), '--plan', 'Canary10Percent7Minutes'], "kanaria: plan: unknown plan 'Canary10Percent7Minutes'; use one of"],
      [['start', ...target(), '--plan', '[{"weight": 150, "hold": "1m"}]'], 'kanaria: plan: step 1: weight 150 is out of range'],
      [['start', ...target(), '--plan', '[{"weight": 10'], 'kanaria: --plan is not valid JSON'],
      [['start', ...target(), '--plan', 'AllAtOnce', '--time-scale', 'fast'], "kanaria: --time-scale must be a number, got 'fast'"],
      [['start', '--endpoint', k.url, '--api', api.apiId, '--stage', 'nope', '--plan', 'AllAtOnce'], "kanaria: stage 'nope' of REST API"],
      [['start', ...target()], 'kanaria: rollout start needs --api ID, --stage NAME and --plan PLAN'],
      [['start', ...target(), '--colour', 'red'], "kanaria: rollout start: Unknown option '--colour'"],
      [['status', '--endpoint', k.url, 'r-nothere'], "kanaria: no rollout 'r-nothere'"],
      [['skip', ...target()], "kanaria: unknown rollout command 'skip'"],
      [['status', '--endpoint', 'http://127.0.0.1:9', 'r-x'], 'kanaria: no Kanaria answers at http://127.0.0.1:9'],
    ];
    for (const [args, message] of cases) {
      const r = await kanaria('rollout', ...args);
      expect([r.code, r.err.startsWith(message)], `${args.join(' ')} → ${r.err}`).toEqual([1, true]);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
    }
    expect((await kanaria('rollout', '--help')).out).toContain('usage: kanaria rollout <command> [options]');
  });
});
