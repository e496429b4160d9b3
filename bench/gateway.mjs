#!/usr/bin/env node
// Gateway benchmark: requests/s and p50/p99 latency of stage invocations, each against a bare
// Node HTTP server measured in the same run (each in its own process, loaded by wrk in a third:
// see load.mjs), plus the server's CPU per request (Kanaria's process tree, workers included):
//   (a) MOCK                          target ≥ 70 % of bare
//   (b) AWS_PROXY → warm Node handler target ≥ 40 % of bare
//   (c) AWS_PROXY → warm Python handler target ≥ 30 % of bare
//   (d) MOCK on a stage with a 10 % canary vs the same stage without: cost < 5 %
// and the idle RSS of `kanaria start` (target < 120 MB). Two more references show the floor of
// any design with handlers in worker processes: the bare server handing each request to Node or
// Python children over pipes, with nothing else (floor-server.mjs).
//
//   node bench/gateway.mjs [--duration S] [--connections C] [--rounds R] [--json]
//
// Needs dist/ (`npm run build`, run first when missing) and wrk (`apt-get install wrk`; without it
// autocannon stands in, and may cap the bare server). On a 2-core machine the generator, Kanaria
// and its workers share the cores: check `uptime` first and read the ratios, not the absolute
// numbers. Each round runs the bare server before and after every target, and a ratio is the
// median over rounds of a target's run against those two (pairedRounds in support.mjs).
// `--only bare,mock` measures a few targets (and checks those); `--profile DIR` writes a CPU profile of Kanaria.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_NOTE, load } from './load.mjs';
import { ensureBuilt, median, pairedRounds, root, startListening, startServer, zip } from './support.mjs';
import * as apigateway from '@aws-sdk/client-api-gateway';
import { AddPermissionCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    /** Write a CPU profile of the Kanaria process into this folder (node --cpu-prof). */
    profile: { type: 'string' },
    /** Measure only these targets (comma-separated: bare,mock,mockCanary,node,python,floorNode,floorPython). */
    only: { type: 'string' },
  },
});
const DURATION = Number(opts.duration);
const CONNECTIONS = Number(opts.connections);
const ROUNDS = Number(opts.rounds);

const log = (line) => process.stderr.write(`${line}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const BARE_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ ok: true });
http.createServer({ keepAlive: true }, (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(body);
}).listen(Number(process.argv[1]), '127.0.0.1', () => console.log('bare ready'));
`;

async function setUp(endpoint) {
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const apigw = new apigateway.APIGatewayClient(config);
  const lambda = new LambdaClient(config);
  const api = await apigw.send(new apigateway.CreateRestApiCommand({ name: 'bench' }));
  const restApiId = api.id;
  const resource = async (pathPart) => (await apigw.send(new apigateway.CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart }))).id;
  const mockId = await resource('mock');
  const nodeId = await resource('node');
  const pythonId = await resource('python');

  await apigw.send(new apigateway.PutMethodCommand({ restApiId, resourceId: mockId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new apigateway.PutIntegrationCommand({ restApiId, resourceId: mockId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  await apigw.send(new apigateway.PutMethodResponseCommand({ restApiId, resourceId: mockId, httpMethod: 'GET', statusCode: '200' }));
  await apigw.send(
    new apigateway.PutIntegrationResponseCommand({ restApiId, resourceId: mockId, httpMethod: 'GET', statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } }),
  );

  const functions = {
    node: { Runtime: 'nodejs20.x', Handler: 'index.handler', files: { 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: '{"ok":true}' });` } },
    python: { Runtime: 'python3.12', Handler: 'app.handler', files: { 'app.py': `def handler(event, context):\n    return {'statusCode': 200, 'body': '{"ok":true}'}\n` } },
  };
  for (const [name, fn] of Object.entries(functions)) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: `bench-${name}`,
        Runtime: fn.Runtime,
        Handler: fn.Handler,
        Role: 'arn:aws:iam::000000000000:role/bench',
        Code: { ZipFile: await zip(fn.files) },
        MemorySize: 128,
        Timeout: 10,
      }),
    );
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: `bench-${name}`,
        StatementId: 'apigw',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/*`,
      }),
    );
    const resourceId = name === 'node' ? nodeId : pythonId;
    await apigw.send(new apigateway.PutMethodCommand({ restApiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await apigw.send(
      new apigateway.PutIntegrationCommand({
        restApiId,
        resourceId,
        httpMethod: 'GET',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:bench-${name}/invocations`,
      }),
    );
  }
  const d1 = (await apigw.send(new apigateway.CreateDeploymentCommand({ restApiId }))).id;
  const d2 = (await apigw.send(new apigateway.CreateDeploymentCommand({ restApiId }))).id;
  await apigw.send(new apigateway.CreateStageCommand({ restApiId, stageName: 'plain', deploymentId: d1 }));
  await apigw.send(new apigateway.CreateStageCommand({ restApiId, stageName: 'canary', deploymentId: d1, canarySettings: { deploymentId: d2, percentTraffic: 10 } }));
  return restApiId;
}

const run = (url, pid) => load({ url, connections: CONNECTIONS, duration: DURATION }, pid);

/** Brings workers up and JIT-compiles the path before anything is measured. */
const warm = (url) => load({ url, connections: 8, duration: 1 });

function summarize(name, runs) {
  const middle = median(runs.map((r) => r.rps));
  const best = runs.find((r) => r.rps === middle);
  const cpuUs = median(runs.map((r) => r.cpuUs));
  log(
    `  ${name.padEnd(22)} ${best.rps.toFixed(0).padStart(7)} req/s  p50 ${best.p50.toFixed(2).padStart(5)} ms  p99 ${best.p99.toFixed(2).padStart(5)} ms  cpu ${cpuUs.toFixed(0).padStart(5)} µs/req` +
      `${best.non2xx ? `  non-2xx ${best.non2xx}` : ''}${best.errors ? `  errors ${best.errors}` : ''}`,
  );
  return { name, ...best, cpuUs, runs: runs.map((r) => Math.round(r.rps)) };
}

async function main() {
  ensureBuilt(join(root, 'dist'), log);
  const kanariaPort = await freePort();
  const barePort = await freePort();
  const profile = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [];
  const { child: kanaria } = await startServer([...profile, 'bin/kanaria.js', 'start', '--port', String(kanariaPort), '--ephemeral'], /Kanaria listening on/, {
    // AWS's account throttle (10 000 rps) would cap the gateway below a bare server's rate: lift it.
    KANARIA_ACCOUNT_RATE_LIMIT: '1000000',
    KANARIA_ACCOUNT_BURST_LIMIT: '1000000',
  });
  const { child: bare } = await startServer(['-e', BARE_SERVER, String(barePort)], /bare ready/);
  const floors = {};
  for (const runtime of ['node', 'python']) floors[runtime] = await startListening(['bench/floor-server.mjs', '--runtime', runtime]);
  const exited = new Promise((resolve) => kanaria.once('exit', resolve));
  const cleanup = () => {
    for (const server of [kanaria, bare, floors.node.child, floors.python.child]) server.kill('SIGTERM');
  };
  process.once('exit', cleanup);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const idleRss = rssMb(kanaria.pid);
    const endpoint = `http://127.0.0.1:${kanariaPort}`;
    log(`kanaria start: idle RSS ${idleRss.toFixed(1)} MB; setting up (MOCK, Node and Python AWS_PROXY, a 10 % canary stage) …`);
    const apiId = await setUp(endpoint);
    const stage = (name, path) => `${endpoint}/_aws/execute-api/${apiId}/${name}${path}`;
    log(`${GENERATOR_NOTE}; ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} round(s), the bare server before and after each target; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const targets = [
      ['bare', 'bare node http', `http://127.0.0.1:${barePort}/`, bare.pid],
      ['mock', 'MOCK', stage('plain', '/mock'), kanaria.pid],
      ['mockCanary', 'MOCK, 10% canary', stage('canary', '/mock'), kanaria.pid],
      ['node', 'AWS_PROXY node', stage('plain', '/node'), kanaria.pid],
      ['python', 'AWS_PROXY python', stage('plain', '/python'), kanaria.pid],
      ['floorNode', 'floor: node workers', `${floors.node.url}/node`, floors.node.child.pid],
      ['floorPython', 'floor: python workers', `${floors.python.url}/python`, floors.python.child.pid],
    ];
    const only = opts.only ? new Set(opts.only.split(',')) : undefined;
    const chosen = targets.filter(([key]) => key === 'bare' || !only || only.has(key));
    for (const [, , url] of chosen) await warm(url);
    const byKey = Object.fromEntries(chosen.map(([key, , url, pid]) => [key, { url, pid }]));
    const others = chosen.map(([key]) => key).filter((key) => key !== 'bare');
    const { runs, ratios } = await pairedRounds('bare', others, ROUNDS, (key) => run(byKey[key].url, byKey[key].pid));
    const results = {};
    for (const [key, name] of chosen) results[key] = summarize(name, runs[key]);
    const busyRss = rssMb(kanaria.pid);

    const ratio = (key) => median(ratios[key].rps);
    // CPU per request is steadier than throughput on a shared machine: bare's µs/req over ours
    // is the throughput ratio the two would reach when CPU-bound on the same core.
    const cpuRatio = (key) => median(ratios[key].cpu);
    // The canary stage against the plain one, round by round (each already against its bare neighbours).
    const perRound = (f) => median(ratios.mock.rps.map((_, i) => f(i)));
    // With --only, the checks of the targets measured (the canary cost needs both MOCK stages).
    const measured = (...keys) => keys.every((key) => ratios[key]);
    const canaryCost = measured('mock', 'mockCanary') ? perRound((i) => 1 - ratios.mockCanary.rps[i] / ratios.mock.rps[i]) : undefined;
    const checks = [
      measured('mock') && ['MOCK / bare', ratio('mock'), cpuRatio('mock'), 0.7, '≥'],
      measured('node') && ['AWS_PROXY node / bare', ratio('node'), cpuRatio('node'), 0.4, '≥'],
      measured('python') && ['AWS_PROXY python / bare', ratio('python'), cpuRatio('python'), 0.3, '≥'],
      canaryCost !== undefined && ['canary cost', canaryCost, perRound((i) => ratios.mock.cpu[i] / ratios.mockCanary.cpu[i] - 1), 0.05, '<'],
    ].filter(Boolean);
    log('\n                                  throughput   by CPU/req   target');
    for (const [name, value, byCpu, target, op] of checks) {
      const ok = (v) => (op === '≥' ? v >= target : v < target);
      const pct = (v) => `${(v * 100).toFixed(1)} %`.padStart(9);
      log(`  ${name.padEnd(30)} ${pct(value)} ${ok(value) ? '✓' : '✗'}  ${pct(byCpu)} ${ok(byCpu) ? '✓' : '✗'}    ${op} ${target * 100} %`);
    }
    // No target: what the Lambda rows could reach if Kanaria's work beside the process round trip were free.
    for (const [name, key] of [['floor: node workers / bare', 'floorNode'], ['floor: python workers / bare', 'floorPython']].filter(([, key]) => measured(key))) {
      log(`  ${name.padEnd(30)} ${`${(ratio(key) * 100).toFixed(1)} %`.padStart(9)}    ${`${(cpuRatio(key) * 100).toFixed(1)} %`.padStart(9)}      (no target: Kanaria's Lambda rows stay below it)`);
    }
    log(`  ${'idle RSS of kanaria start'.padEnd(30)} ${idleRss.toFixed(1).padStart(6)} MB ${idleRss < 120 ? '✓' : '✗'}                  < 120 MB`);
    log(`  RSS after the runs: ${busyRss.toFixed(1)} MB`);
    if (opts.json) console.log(JSON.stringify({ connections: CONNECTIONS, duration: DURATION, rounds: ROUNDS, idleRssMb: idleRss, busyRssMb: busyRss, results, ratios, canaryCost }, null, 2));
  } finally {
    cleanup();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
