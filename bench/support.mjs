// What both benches need besides the load generator (load.mjs): a build to run, function zips,
// medians over rounds.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The SDK clients that set a bench up would warn that their 2027 releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Builds dist/ when `dist` (a build folder) has none and is the default one. */
export function ensureBuilt(dist, say) {
  if (existsSync(join(dist, 'cli/main.js'))) return;
  if (dist !== join(root, 'dist')) throw new Error(`${dist} has no build`);
  say('building dist/ …');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
}

/** A zip of `{ name: text }`, as CreateFunction's ZipFile takes it. */
export function zip(files) {
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name);
  z.end();
  return buffer(z.outputStream);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
