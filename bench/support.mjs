// What both benches need besides the load generator (load.mjs): a build to run, servers to start,
// function zips, medians over rounds.
import { execFileSync, spawn } from 'node:child_process';
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

/**
 * Starts `node ARGS` (in the repository, with `env` added) and resolves once a whole line of its
 * stdout matches `ready` (a URL is never read half-written), with the child and that match.
 */
export function startServer(args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const match = ready.exec(buffered.slice(0, buffered.lastIndexOf('\n') + 1));
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, match });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`node ${args.join(' ')} exited with ${code} before it was ready:\n${buffered}`)));
  });
}

/** Starts a server that prints `listening on URL` (Kanaria's CLI, floor-server.mjs); resolves with it and that URL. */
export const startListening = (args, env) => startServer(args, /listening on (http:\/\/[\d.:]+)/i, env).then(({ child, match }) => ({ child, url: match[1] }));

/** A zip of `{ name: text }`, as CreateFunction's ZipFile takes it. */
export function zip(files) {
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name);
  z.end();
  return buffer(z.outputStream);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
