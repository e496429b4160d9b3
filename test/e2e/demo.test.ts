// `kanaria demo` as a user runs it (the built CLI in a child process), pointed at a test server
// so that its printed figures can be checked against the server's own per-variant metrics.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../helpers/kanaria.js';
import { announceSkip, hasTool } from '../helpers/tools.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/kanaria.js', import.meta.url).pathname;

/** The `requests` column of a table row that starts with `label`. */
function rowCount(section: string, label: string): number {
  const row = section.split('\n').find((l) => l.startsWith(label));
  expect(row, `no row '${label}' in:\n${section}`).toBeDefined();
  return Number(row!.slice(22).trim().split(/\s+/)[0]);
}

describe('kanaria demo', () => {
  const k = useKanaria();
  const runtimes = hasTool('python3') ? ['python', 'node'] : ['node'];
  if (!hasTool('python3')) it('runs with Python handlers', () => announceSkip('e2e/demo.test.ts (Python handlers)', 'python3'));

  it.each(runtimes)('deploys, splits, promotes and reports figures the server agrees with (%s handlers)', { timeout: 120_000 }, async (runtime) => {
    const started = Date.now();
    const { stdout } = await run(process.execPath, [BIN, 'demo', '--endpoint', k.url, '--runtime', runtime, '--requests', '600'], { timeout: 110_000 });
    const seconds = (Date.now() - started) / 1000;

    const apiId = /execute-api\/(\w+)\/dev\//.exec(stdout)?.[1];
    expect(apiId, stdout).toBeDefined();
    const [before, after] = stdout.split('After promotion:');
    const v1 = rowCount(before.split('Before promotion')[1], 'v1 (stage)');
    const v2 = rowCount(before.split('Before promotion')[1], 'v2 (canary)');
    expect(v1 + v2).toBe(600);
    expect(rowCount(after, 'v1')).toBe(0);
    const promoted = rowCount(after, 'v2 (promoted)');
    expect(promoted).toBe(200);
    expect(stdout).not.toMatch(/errors:/);

    // What the server measured for that stage: canary requests are the demo's v2 answers before
    // promotion; base requests are its v1 answers plus everything after the promotion.
    const { stages } = await (await fetch(`${k.url}/_kanaria/metrics`)).json();
    const stage = stages.find((s: { apiId: string; stage: string }) => s.apiId === apiId && s.stage === 'dev');
    expect(stage.variants.canary.Count).toBe(v2);
    expect(stage.variants.base.Count).toBe(v1 + promoted);
    expect(stage.total['5XXError']).toBe(0);
    expect(seconds).toBeLessThan(30); // issue 5: the demo runs in under 30 seconds
  });
});
