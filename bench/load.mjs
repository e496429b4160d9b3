// The benches' load generator and CPU accounting, shared by gateway.mjs and lambda-invoke.mjs.
//
// Load comes from wrk (`apt-get install wrk`), one thread, in its own process: a C generator
// spends a few µs per request, so a bare Node server (≈ 28 µs of CPU per request here) is the
// bottleneck, not the generator. autocannon (a dev dependency, JavaScript) is the fallback when
// wrk is missing; it spends about as much CPU per request as the bare server does and in some
// runs capped it at ~60 % of a core on a 2-core machine, which flatters every ratio: a warning says so.
//
// CPU per request (utime + stime from /proc of the server's whole process tree, workers
// included, divided by the requests served) is steadier than requests/s on a shared machine.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by `pid` and every live process below it (Lambda workers included). */
function cpuSeconds(pid) {
  const stats = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      /* gone */
    }
  }
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) if (!tree.has(s.pid) && tree.has(s.ppid)) (tree.add(s.pid), (grew = true));
  }
  return stats.filter((s) => tree.has(s.pid)).reduce((n, s) => n + s.ticks, 0) / TICKS_PER_SECOND;
}

function hasWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // `wrk --version` prints its version and exits 1; only a missing binary is ENOENT.
    return err.code !== 'ENOENT';
  }
}

const GENERATOR = hasWrk() ? 'wrk' : 'autocannon';
export const GENERATOR_NOTE =
  GENERATOR === 'wrk' ? 'load: wrk, 1 thread, in its own process' : 'load: autocannon (wrk not found: `apt-get install wrk`); the generator may cap the bare server, ratios may read high';

const TO_MS = { us: 1e-3, ms: 1, s: 1000 };
const ms = (text) => {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  return m ? Number(m[1]) * TO_MS[m[2]] : NaN;
};

/** Parses wrk's report (with --latency). */
function parseWrk(out) {
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const seconds = /requests in ([\d.]+)(ms|s|m)/.exec(out);
  const duration = seconds ? Number(seconds[1]) * { ms: 1e-3, s: 1, m: 60 }[seconds[2]] : NaN;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    total,
    rps: total / duration,
    p50: ms(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? ''),
    p99: ms(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? ''),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
  };
}

function runWrk({ url, method = 'GET', body, headers = {}, connections, duration }) {
  const dir = mkdtempSync(join(tmpdir(), 'kanaria-bench-'));
  const script = join(dir, 'request.lua');
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  if (body !== undefined) lines.push(`wrk.body = ${JSON.stringify(body)}`);
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  writeFileSync(script, `${lines.join('\n')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '-s', script, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c) => (out += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      resolve(parseWrk(out));
    });
  });
}

function runAutocannon({ url, method = 'GET', body, headers = {}, connections, duration }) {
  return new Promise((resolve, reject) =>
    autocannon({ url, method, body, headers, connections, duration, pipelining: 1 }, (err, r) =>
      err
        ? reject(err)
        : resolve({ total: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts }),
    ),
  );
}

/**
 * Loads `url` for `duration` seconds over `connections` keep-alive connections; with `pid`, also
 * measures that process tree's CPU per request (`cpuUs`, µs).
 */
export async function load(request, pid) {
  const before = pid === undefined ? 0 : cpuSeconds(pid);
  const result = await (GENERATOR === 'wrk' ? runWrk(request) : runAutocannon(request));
  const cpu = pid === undefined ? NaN : cpuSeconds(pid) - before;
  return { ...result, cpuUs: (cpu / Math.max(1, result.total)) * 1e6 };
}
