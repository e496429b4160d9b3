// Which external tools this machine has. A test that needs a missing tool is skipped, and the
// skip is announced loudly (and recorded in .kanaria-test-skips for .ci/run to repeat): a
// missing tool must never look like a pass.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map<string, boolean>();

export function hasTool(command: string, args: string[] = ['--version']): boolean {
  let ok = cache.get(command);
  if (ok === undefined) {
    try {
      execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
      ok = true;
    } catch {
      ok = false;
    }
    cache.set(command, ok);
  }
  return ok;
}

/** Announces a skipped test: on stderr and in the skip log that .ci/run prints at its end. */
export function announceSkip(test: string, missing: string): void {
  const line = `SKIPPED (missing tool): ${test} needs ${missing}`;
  process.stderr.write(`\n*** ${line} ***\n\n`);
  try {
    appendFileSync(join(process.cwd(), '.kanaria-test-skips'), `${line}\n`);
  } catch {
    /* the announcement on stderr stands */
  }
}
