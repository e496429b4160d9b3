#!/usr/bin/env node
// The floor of any gateway whose handlers run in worker processes, measured beside Kanaria: a bare
// Node HTTP server that hands each request to one of a few long-lived child processes over pipes
// (newline-delimited JSON, as Kanaria's framed channel) and answers with what the handler returned.
// No routing, no AWS event, no logs, no metrics: what Kanaria's Lambda paths could reach on this
// machine if everything they add on top of the process round trip cost nothing.
//
//   node bench/floor-server.mjs --runtime node|python [--invoke] [--workers N]
//
// Without --invoke it answers like an AWS_PROXY integration (the handler's statusCode and body);
// with --invoke it reads the request body as the event and answers the handler's result as JSON,
// like the Invoke API. It prints `listening on http://127.0.0.1:PORT` when ready.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'node' },
    invoke: { type: 'boolean', default: false },
    // Kanaria's pool size per function version (runtime-host.ts).
    workers: { type: 'string', default: String(Math.max(4, availableParallelism())) },
  },
});

// The benches' handlers: the gateway bench's answer a constant body, the Invoke bench's echo the event.
const NODE_CHILD = `
const echo = ${opts.invoke};
const handler = async (event) => ({ statusCode: 200, body: echo ? JSON.stringify(event) : '{"ok":true}' });
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', async (chunk) => {
  buffered += chunk;
  for (let nl = buffered.indexOf('\\n'); nl !== -1; nl = buffered.indexOf('\\n')) {
    const frame = JSON.parse(buffered.slice(0, nl));
    buffered = buffered.slice(nl + 1);
    const result = await handler(frame.event, {});
    process.stdout.write(JSON.stringify({ id: frame.id, payload: JSON.stringify(result) }) + '\\n');
  }
});`;

const PYTHON_CHILD = `
import json, sys
echo = ${opts.invoke ? 'True' : 'False'}
def handler(event, context):
    return {'statusCode': 200, 'body': json.dumps(event) if echo else '{"ok":true}'}
for line in sys.stdin.buffer:
    frame = json.loads(line)
    result = handler(frame['event'], None)
    sys.stdout.write(json.dumps({'id': frame['id'], 'payload': json.dumps(result)}) + '\\n')
    sys.stdout.flush()
`;

const command = opts.runtime === 'python' ? ['python3', ['-u', '-c', PYTHON_CHILD]] : [process.execPath, ['-e', NODE_CHILD]];

/** A child, its partial output and the callback of the request it runs. */
const workers = Array.from({ length: Number(opts.workers) }, () => {
  const child = spawn(command[0], command[1], { stdio: ['pipe', 'pipe', 'inherit'] });
  const worker = { child, buffered: '', answer: undefined };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    worker.buffered += chunk;
    for (let nl = worker.buffered.indexOf('\n'); nl !== -1; nl = worker.buffered.indexOf('\n')) {
      const frame = JSON.parse(worker.buffered.slice(0, nl));
      worker.buffered = worker.buffered.slice(nl + 1);
      const answer = worker.answer;
      worker.answer = undefined;
      answer(frame.payload);
      const next = queue.shift();
      if (next) run(worker, next);
    }
  });
  return worker;
});
const queue = [];
let ids = 0;

function run(worker, task) {
  worker.answer = task.answer;
  worker.child.stdin.write(`{"id":${++ids},"event":${task.event}}\n`);
}

function call(event, answer) {
  const idle = workers.find((w) => !w.answer);
  if (idle) run(idle, { event, answer });
  else queue.push({ event, answer });
}

const server = createServer({ keepAlive: true }, (req, res) => {
  if (!opts.invoke) {
    const event = JSON.stringify({ httpMethod: req.method, path: req.url, headers: req.headers });
    return call(event, (payload) => {
      const result = JSON.parse(payload);
      res.writeHead(result.statusCode, { 'Content-Type': 'application/json' });
      res.end(result.body);
    });
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () =>
    call(Buffer.concat(chunks).toString() || '{}', (payload) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(payload);
    }),
  );
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => {
  for (const w of workers) w.child.kill('SIGKILL');
  process.exit(0);
});
