// Limits and faults answered as AWS does, with Kanaria serving afterwards: Timeout kills the
// invocation (Sandbox.Timedout), MemorySize kills the process (Runtime.OutOfMemory), a handler
// that throws (errorMessage/errorType/stackTrace or trace), sys.exit/process.exit (Runtime.ExitError),
// endless output, handlers that cannot load, oversized responses and reserved concurrency.
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, PutFunctionConcurrencyCommand, DeleteFunctionConcurrencyCommand, GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { SEED_V1 } from '../../fixtures/lambda/handlers.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { createFunction, failure, invoke } from './helpers.js';

describe('Lambda limits and faults', () => {
  const k = useKanaria();
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    lambda = new LambdaClient(k.clientConfig);
    logs = new CloudWatchLogsClient(k.clientConfig);
    await createFunction(lambda, 'healthy', 'python3.12', 'lambda_function_v1.lambda_handler', { 'lambda_function_v1.py': SEED_V1 });
  });

  /** After every fault: the failing function answers again and an unrelated one is unaffected. */
  async function stillServing(name: string, payload: unknown = {}) {
    expect((await invoke(lambda, 'healthy')).json).toEqual({ statusCode: 200, body: '"Hi, This is ver 1 Lambda!"' });
    return invoke(lambda, name, payload, { LogType: 'Tail' });
  }

  test('Timeout: the invocation is killed after Timeout seconds (Sandbox.Timedout) and the worker replaced', async () => {
    const code = 'import time\ndef handler(event, context):\n    if event.get("sleep"):\n        print("going to sleep")\n        time.sleep(30)\n    return "awake"\n';
    await createFunction(lambda, 'sleepy', 'python3.12', 'app.handler', { 'app.py': code }, { Timeout: 1 });
    const started = Date.now();
    const r = await invoke(lambda, 'sleepy', { sleep: true }, { LogType: 'Tail' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(1000);
    expect(took).toBeLessThan(5000);
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds` });
    expect(r.log).toContain('going to sleep\n');
    expect(r.log).toMatch(/\tStatus: timeout\t\n$/);
    const after = await stillServing('sleepy');
    expect(after.json).toBe('awake');
    expect(after.log).toMatch(/Init Duration: [\d.]+ ms/); // a fresh worker
  });

  // A warm worker's Timeout counts from each invocation's start, not from the first one it served
  // (invocations on one worker share a timer, worker.ts): a call that starts 1.2 s after another
  // and runs 1.4 s of its 2 s Timeout ends 2.6 s after the first started, and is not cut off.
  test('Timeout counts from the start of each invocation on a warm worker', async () => {
    const code = 'import time\ndef handler(event, context):\n    time.sleep(event.get("sleep", 0))\n    return context.get_remaining_time_in_millis()\n';
    await createFunction(lambda, 'steady', 'python3.12', 'app.handler', { 'app.py': code }, { Timeout: 2 });
    const first = await invoke(lambda, 'steady', { sleep: 0 });
    expect(first.functionError).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1200));
    const second = await invoke(lambda, 'steady', { sleep: 1.4 }, { LogType: 'Tail' });
    expect(second.functionError).toBeUndefined();
    expect(second.json).toBeGreaterThan(300);
    expect(second.log).not.toContain('Init Duration'); // the same warm worker
    const third = await invoke(lambda, 'steady', { sleep: 3 });
    expect(third.json).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${third.requestId} Error: Task timed out after 2.00 seconds` });
  });

  test('a handler that writes garbage onto the runtime channel (fd 4) is a runtime fault, and a fresh worker follows', async () => {
    // A raw result frame without its tab, then silence: Kanaria must not wait for the timeout.
    const code = 'import os\ndef handler(event, context):\n    if event.get("garble"):\n        os.write(4, b"Rno-tab-here\\n")\n        import time; time.sleep(30)\n    return "clean"\n';
    await createFunction(lambda, 'garbler', 'python3.12', 'app.handler', { 'app.py': code }, { Timeout: 20 });
    const started = Date.now();
    const r = await invoke(lambda, 'garbler', { garble: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toEqual({ errorType: 'Runtime.Unknown', errorMessage: `RequestId: ${r.requestId} Error: the runtime sent a malformed frame: Rno-tab-here` });
    const after = await stillServing('garbler');
    expect(after.json).toBe('clean');
    expect(after.log).toMatch(/Init Duration: [\d.]+ ms/); // a fresh worker
  });

  test('a Python handler that raises: AWS error document, X-Amz-Function-Error Unhandled, worker stays warm', async () => {
    const code = 'def handler(event, context):\n    if event.get("fail"):\n        raise ValueError("bad input: " + event["fail"])\n    return {"ok": True}\n';
    await createFunction(lambda, 'py_raises', 'python3.12', 'app.handler', { 'app.py': code });
    expect((await invoke(lambda, 'py_raises')).json).toEqual({ ok: true });
    const r = await invoke(lambda, 'py_raises', { fail: 'x' }, { LogType: 'Tail' });
    expect(r.functionError).toBe('Unhandled');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ errorMessage: 'bad input: x', errorType: 'ValueError', requestId: r.requestId });
    expect(r.json.stackTrace).toHaveLength(1);
    expect(r.json.stackTrace[0]).toMatch(/^ {2}File ".*app\.py", line 3, in handler\n {4}raise ValueError\("bad input: " \+ event\["fail"\]\)\n$/);
    expect(r.log).toContain('[ERROR] ValueError: bad input: x\nTraceback (most recent call last):\n');
    expect(r.log).not.toContain('Status: error');
    const again = await invoke(lambda, 'py_raises', {}, { LogType: 'Tail' });
    expect(again.json).toEqual({ ok: true });
    expect(again.log).not.toContain('Init Duration'); // the same warm worker
  });

  test('a Node handler that throws: errorType, errorMessage and trace', async () => {
    await createFunction(lambda, 'node_throws', 'nodejs20.x', 'index.handler', {
      'index.mjs': 'export const handler = async (e) => { if (e.fail) throw new TypeError("no way"); return "fine"; };\n',
    });
    const r = await invoke(lambda, 'node_throws', { fail: true });
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toMatchObject({ errorType: 'TypeError', errorMessage: 'no way' });
    expect(r.json.trace[0]).toBe('TypeError: no way');
    expect((await stillServing('node_throws')).json).toBe('fine');
  });

  test('a Node promise rejected with nobody listening: Runtime.UnhandledPromiseRejection, then a new worker', async () => {
    await createFunction(lambda, 'node_rejects', 'nodejs20.x', 'index.handler', {
      'index.mjs': 'export const handler = async (e) => {\n  if (e.reject) { Promise.reject(new Error("nobody caught me")); await new Promise((r) => setTimeout(r, 1000)); }\n  return "calm";\n};\n',
    });
    const r = await invoke(lambda, 'node_rejects', { reject: true });
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody caught me' });
    expect(r.json.trace[0]).toBe('Runtime.UnhandledPromiseRejection: Error: nobody caught me');
    expect((await stillServing('node_rejects')).json).toBe('calm');
  });

  test('sys.exit and process.exit end the runtime: Runtime.ExitError, then a new worker', async () => {
    await createFunction(lambda, 'py_exits', 'python3.12', 'app.handler', {
      'app.py': 'import sys\ndef handler(event, context):\n    if event.get("exit"):\n        sys.exit(3)\n    return "alive"\n',
    });
    const py = await invoke(lambda, 'py_exits', { exit: true }, { LogType: 'Tail' });
    expect(py.functionError).toBe('Unhandled');
    expect(py.json).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${py.requestId} Error: Runtime exited with error: exit status 3` });
    expect(py.log).toContain('\tStatus: error\tError Type: Runtime.ExitError');
    expect((await stillServing('py_exits')).json).toBe('alive');

    await createFunction(lambda, 'node_exits', 'nodejs20.x', 'index.handler', {
      'index.js': 'exports.handler = async (e) => { if (e.exit) process.exit(2); return "alive"; };\n',
    });
    const node = await invoke(lambda, 'node_exits', { exit: true });
    expect(node.json).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${node.requestId} Error: Runtime exited with error: exit status 2` });
    expect((await stillServing('node_exits')).json).toBe('alive');
  });

  test('MemorySize: a 128 MB function allocating 1 GB is killed (Runtime.OutOfMemory, signal: killed)', async () => {
    await createFunction(lambda, 'py_hog', 'python3.12', 'app.handler', {
      'app.py': 'def handler(event, context):\n    if event.get("hog"):\n        blob = bytearray(1024 * 1024 * 1024)\n        return len(blob)\n    return "small"\n',
    });
    const rssBefore = process.memoryUsage().rss;
    const r = await invoke(lambda, 'py_hog', { hog: true }, { LogType: 'Tail' });
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: signal: killed` });
    expect(r.log).toMatch(/Memory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms\tStatus: error\tError Type: Runtime\.OutOfMemory/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect((await stillServing('py_hog')).json).toBe('small');
  });

  test('a Node function over its memory is stopped too', async () => {
    await createFunction(lambda, 'node_hog', 'nodejs20.x', 'index.handler', {
      'index.mjs': 'const keep = [];\nexport const handler = async (e) => { if (e.hog) for (;;) keep.push(new Array(1e6).fill(1)); return "small"; };\n',
    });
    const r = await invoke(lambda, 'node_hog', { hog: true });
    expect(r.functionError).toBe('Unhandled');
    // Killed at MemorySize by Kanaria's watch, or V8's heap limit (derived from MemorySize) aborts first.
    expect(r.json.errorMessage).toMatch(/^RequestId: \S+ Error: Runtime exited with error: signal: (killed|aborted)$/);
    expect((await stillServing('node_hog')).json).toBe('small');
  });

  test('endless output: the invocation times out, its log is capped, Kanaria stays small', async () => {
    await createFunction(lambda, 'chatty', 'python3.12', 'app.handler', {
      'app.py': 'def handler(event, context):\n    if event.get("talk"):\n        while True:\n            print("bla" * 100)\n    return "quiet"\n',
    }, { Timeout: 1 });
    const rssBefore = process.memoryUsage().rss;
    const r = await invoke(lambda, 'chatty', { talk: true }, { LogType: 'Tail' });
    expect(r.json.errorType).toBe('Sandbox.Timedout');
    expect(r.log).toContain('[Kanaria] log output of this invocation truncated after 1048576 bytes');
    expect(Buffer.byteLength(r.log!)).toBeLessThanOrEqual(4096);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    const marked = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/chatty', filterPattern: '"log output of this invocation truncated"' }));
    expect(marked.events).toHaveLength(1);
    expect((await stillServing('chatty')).json).toBe('quiet');
  });

  test('handlers that cannot load: Runtime.ImportModuleError, Runtime.HandlerNotFound, Runtime.UserCodeSyntaxError', async () => {
    await createFunction(lambda, 'py_no_module', 'python3.12', 'missing_module.handler', { 'app.py': 'x = 1\n' });
    const noModule = await invoke(lambda, 'py_no_module', {}, { LogType: 'Tail' });
    expect(noModule.functionError).toBe('Unhandled');
    expect(noModule.json).toEqual({
      errorMessage: "Unable to import module 'missing_module': No module named 'missing_module'",
      errorType: 'Runtime.ImportModuleError',
      requestId: '',
      stackTrace: [],
    });
    expect(noModule.log).toContain('Status: error\tError Type: Runtime.ImportModuleError');

    await createFunction(lambda, 'py_no_handler', 'python3.12', 'app.nothere', { 'app.py': 'x = 1\n' });
    expect((await invoke(lambda, 'py_no_handler')).json).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: "Handler 'nothere' missing on module 'app'" });

    await createFunction(lambda, 'py_syntax', 'python3.12', 'app.handler', { 'app.py': 'def handler(:\n' });
    expect((await invoke(lambda, 'py_syntax')).json.errorType).toBe('Runtime.UserCodeSyntaxError');

    await createFunction(lambda, 'node_no_handler', 'nodejs20.x', 'index.nothere', { 'index.mjs': 'export const handler = () => 1;\n' });
    expect((await invoke(lambda, 'node_no_handler')).json).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothere is undefined or not exported' });

    await createFunction(lambda, 'node_no_module', 'nodejs20.x', 'missing.handler', { 'index.mjs': 'export const handler = () => 1;\n' });
    const nodeMissing = await invoke(lambda, 'node_no_module');
    expect(nodeMissing.json.errorType).toBe('Runtime.ImportModuleError');
    expect(nodeMissing.json.errorMessage).toMatch(/^Error: Cannot find module 'missing'/);
    expect((await invoke(lambda, 'healthy')).status).toBe(200);
  });

  test('a response over 6 MB: Function.ResponseSizeTooLarge', async () => {
    await createFunction(lambda, 'py_big', 'python3.12', 'app.handler', { 'app.py': 'def handler(event, context):\n    return "x" * (7 * 1024 * 1024)\n' });
    const r = await invoke(lambda, 'py_big');
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
  });

  test('reserved concurrency: over the limit → TooManyRequestsException (429, Rate Exceeded.)', async () => {
    await createFunction(lambda, 'limited', 'python3.12', 'app.handler', {
      'app.py': 'import time\ndef handler(event, context):\n    time.sleep(event.get("s", 0))\n    return "done"\n',
    });
    const put = await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 1 }));
    expect(put.ReservedConcurrentExecutions).toBe(1);
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'limited' }))).ReservedConcurrentExecutions).toBe(1);
    const slow = invoke(lambda, 'limited', { s: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const throttled = await failure(invoke(lambda, 'limited', {}));
    expect(throttled).toMatchObject({ name: 'TooManyRequestsException', status: 429, message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect((await slow).json).toBe('done');
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 0 }));
    expect((await failure(invoke(lambda, 'limited', {}))).name).toBe('TooManyRequestsException');
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'limited' }));
    const both = await Promise.all([invoke(lambda, 'limited', { s: 0.2 }), invoke(lambda, 'limited', { s: 0.2 })]);
    expect(both.map((b) => b.json)).toEqual(['done', 'done']);
  });
});
