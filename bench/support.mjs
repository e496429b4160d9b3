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

/**
 * Runs `rounds` rounds of: the reference, then each target followed by the reference again; each
 * target gets one ratio a round against the mean of the reference runs just before and after it
 * (throughput, ours over the reference's; CPU per request, the reference's over ours). This
 * machine's speed drifts by ±15 % over tens of seconds and moves within seconds (the same warm
 * Kanaria under the same load spent 105 and then 194 µs of main thread a call, 2026-11-23), so a
 * target's median and the reference's, taken minutes apart, are not comparable; neighbours are.
 * `measure(name, round)` resolves with at least `{ rps, cpuUs }`.
 */
export async function pairedRounds(reference, targets, rounds, measure) {
  const runs = Object.fromEntries([reference, ...targets].map((name) => [name, []]));
  const ratios = Object.fromEntries(targets.map((name) => [name, { rps: [], cpu: [] }]));
  const run = async (round, name) => {
    const r = await measure(name, round);
    runs[name].push(r);
    return r;
  };
  for (let round = 1; round <= rounds; round++) {
    let before = await run(round, reference);
    for (const name of targets) {
      const r = await run(round, name);
      const after = await run(round, reference);
      ratios[name].rps.push(r.rps / ((before.rps + after.rps) / 2));
      ratios[name].cpu.push((before.cpuUs + after.cpuUs) / 2 / r.cpuUs);
      before = after;
    }
  }
  return { runs, ratios };
}
