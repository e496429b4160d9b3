#!/usr/bin/env node
// Lambda Invoke benchmark: warm round trips per second through the Invoke API (POST
// /2015-03-31/functions/{name}/invocations over HTTP keep-alive, a few connections, fixed
// duration) for a Node and a Python handler, and a bare Node HTTP server in the same run.
// Targets: Node ≥ 40 % of the bare server, Python ≥ 30 %. A DryRun row (HTTP, wire layer and
// Invoke's checks, no runtime) shows how much of the gap is the front rather than the runtime.
// Kanaria and the bare server each run in their own process; wrk loads them from a third (see
// load.mjs), and the servers' CPU per request (Kanaria's process tree, workers included) is
// printed beside the throughput. Each round runs the bare server before and after every target,
// in short runs, and a target's ratio is the median over rounds of its run against those two
// (pairedRounds in support.mjs): medians taken minutes apart gave 31–44 % from one build. A
// `floor` row shows the ceiling of any design with handlers in worker processes: the bare server
// handing each body to Node children over pipes with nothing else (floor-server.mjs), against
// which Kanaria's wire layer, Lambda checks, logs and metrics are what remains.
//
//   node bench/lambda-invoke.mjs [--duration S] [--connections C] [--rounds R] [--warmup S] [--dist DIR]
//                                [--only bare,dryrun,node,python,floor] [--profile DIR] [--json]
//
// Needs a build (`npm run build`; --dist points at another one) and wrk (`apt-get install wrk`;
// without it autocannon stands in, and may cap the bare server). On a 2-core machine the generator,
// Kanaria and the workers share the cores: check `uptime` first and read the ratios.
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GENERATOR_NOTE, load } from './load.mjs';
import { ensureBuilt, median, pairedRounds, root, startListening as serve, zip } from './support.mjs';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '2' },
    connections: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '7' },
    /** Seconds of load on each target before the first round. */
    warmup: { type: 'string', default: '3' },
    dist: { type: 'string', default: 'dist' },
    json: { type: 'boolean', default: false },
    /** Measure only these targets (comma-separated: bare,dryrun,node,python,floor). */
    only: { type: 'string' },
    /** Write a CPU profile of the Kanaria process into this folder (node --cpu-prof). */
    profile: { type: 'string' },
  },
});
const dist = resolve(root, opts.dist);
const say = (line) => process.stderr.write(`${line}\n`);

const HANDLERS = {
  node: { Runtime: 'nodejs20.x', Handler: 'index.handler', files: { 'index.mjs': 'export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n' } },
  python: { Runtime: 'python3.12', Handler: 'app.handler', files: { 'app.py': 'import json\ndef handler(event, context):\n    return {"statusCode": 200, "body": json.dumps(event)}\n' } },
};

/** The reference: a Node server that reads the request body and answers a small JSON document. */
const BARE = `require('node:http').createServer({ keepAlive: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => { const body = JSON.stringify({ statusCode: 200, body: Buffer.concat(chunks).toString() }); res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(body); });
}).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });`;

const cannon = ({ url, headers = {} }, duration, connections, pid) =>
  load({ url, method: 'POST', body: '{"bench":true}', headers: { 'content-type': 'application/json', ...headers }, connections, duration }, pid).then((r) => ({ ...r, bad: r.non2xx + r.errors }));

async function main() {
  ensureBuilt(dist, say);
  const cli = pathToFileURL(join(dist, 'cli/main.js')).href;
  const profile = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(opts.profile)}`] : [];
  const kanaria = await serve([...profile, '--input-type=module', '-e', `import(${JSON.stringify(cli)}).then((c) => c.main(['start', '--port', '0', '--ephemeral']))`]);
  const bare = await serve(['-e', BARE]);
  const floor = await serve(['bench/floor-server.mjs', '--runtime', 'node', '--invoke']);
  const stop = () => [kanaria, bare, floor].forEach((s) => s.child.kill('SIGTERM'));
  process.once('exit', stop);
  try {
    const lambda = new LambdaClient({ endpoint: kanaria.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    for (const [name, fn] of Object.entries(HANDLERS)) {
      await lambda.send(new CreateFunctionCommand({ FunctionName: `bench-${name}`, Runtime: fn.Runtime, Handler: fn.Handler, Role: 'arn:aws:iam::000000000000:role/bench', Code: { ZipFile: await zip(fn.files) } }));
      const check = await lambda.send(new InvokeCommand({ FunctionName: `bench-${name}`, Payload: Buffer.from('{"bench":true}') }));
      if (check.FunctionError) throw new Error(`bench-${name} failed: ${Buffer.from(check.Payload).toString()}`);
    }
    const invocations = (name) => `${kanaria.url}/2015-03-31/functions/${name}/invocations`;
    const only = opts.only ? new Set(opts.only.split(',')) : undefined;
    const targets = Object.fromEntries(
      Object.entries({
        bare: { url: bare.url, pid: bare.child.pid },
        dryrun: { url: invocations('bench-node'), headers: { 'x-amz-invocation-type': 'DryRun' }, pid: kanaria.child.pid },
        node: { url: invocations('bench-node'), pid: kanaria.child.pid },
        python: { url: invocations('bench-python'), pid: kanaria.child.pid },
        floor: { url: floor.url, pid: floor.child.pid },
      }).filter(([name]) => name === 'bare' || !only || only.has(name)),
    );
    const connections = Number(opts.connections);
    const duration = Number(opts.duration);
    const others = Object.keys(targets).filter((name) => name !== 'bare');
    say(`Invoke API, ${GENERATOR_NOTE}, ${connections} keep-alive connections, ${duration} s per run, ${opts.rounds} round(s) of bare, ${others.map((n) => `${n}, bare`).join(', ')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; warming up …`);
    for (const target of Object.values(targets)) await cannon(target, Number(opts.warmup), connections);
    const { runs, ratios: paired } = await pairedRounds('bare', others, Number(opts.rounds), async (name, round) => {
      const r = await cannon(targets[name], duration, connections, targets[name].pid);
      say(`  round ${round}  ${name.padEnd(7)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  cpu ${r.cpuUs.toFixed(0)} µs/req${r.bad ? `  failed ${r.bad}` : ''}`);
      return r;
    });
    const result = Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)), cpuUs: median(rs.map((r) => r.cpuUs)) }]));
    const pct = (x) => `${(x * 100).toFixed(1)} %`;
    say('\nmedians; each ratio is the median over rounds of the run against the mean of the bare runs just before and after it (range in brackets):');
    for (const [name, target] of [['bare'], ['dryrun'], ['node', 0.4], ['python', 0.3], ['floor']].filter(([name]) => result[name])) {
      let verdict = '';
      if (name !== 'bare') {
        const { rps, cpu } = paired[name];
        const { ratio, ratioRange, byCpu } = Object.assign(result[name], { ratio: median(rps), ratioRange: [Math.min(...rps), Math.max(...rps)], byCpu: median(cpu) });
        const met = (r) => (r >= target ? 'met' : 'NOT met');
        verdict = `  ${pct(ratio)} of bare [${ratioRange.map(pct).join('–')}], by CPU ${pct(byCpu)}${target === undefined ? '' : ` (target ≥ ${target * 100} %: ${met(ratio)}; by CPU ${met(byCpu)})`}`;
      }
      say(`  ${name.padEnd(7)} ${result[name].rps.toFixed(0).padStart(7)} req/s  p50 ${result[name].p50.toFixed(2)} ms  p99 ${result[name].p99.toFixed(2)} ms  cpu ${result[name].cpuUs.toFixed(0)} µs/req${verdict}`);
    }
    if (opts.json) console.log(JSON.stringify({ connections, duration, rounds: Number(opts.rounds), result }, null, 2));
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
