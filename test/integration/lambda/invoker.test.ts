// The Lambda service composed as main.ts composes it (real store, log sink, runtime), driven
// without HTTP: the LambdaInvoker contract API Gateway uses (a `caller` needs a matching
// AddPermission statement), idle workers retired on an injected clock, updates retiring workers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OpContext } from '../../../src/aws/service.js';
import { manualClock } from '../../../src/runtime/clock.js';
import { createLambda, type Lambda } from '../../../src/services/lambda/index.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { createLogSink, type LogSink } from '../../../src/telemetry/log-sink.js';
import { NODE_ECHO, SEED_V1 } from '../../fixtures/lambda/handlers.js';
import { buildZip } from '../../fixtures/lambda/zip.js';
import { eventually, ROLE } from './helpers.js';

const ctx: OpContext = { service: 'lambda', operation: 'test', accountId: '000000000000', region: 'us-east-1', requestId: 'req', sourceIp: '127.0.0.1' };
const API = 'arn:aws:execute-api:us-east-1:000000000000:a1b2c3d4e5';

describe('the Lambda invoker and worker lifetimes', () => {
  const clock = manualClock(Date.now());
  const codeDir = mkdtempSync(join(tmpdir(), 'kanaria-invoker-'));
  let store: Store;
  let sink: LogSink;
  let lambda: Lambda;
  const op = (name: string, input: unknown) => lambda.service.operations[name]!(ctx, input);
  const hostStats = () => lambda.runtimeStats();

  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    const log = { info() {}, error() {} };
    sink = createLogSink(store);
    lambda = createLambda({ store, logs: sink, codeDir, log, runtime: { clock, idleMs: 60_000 } });
    await op('CreateFunction', { FunctionName: 'seed', Runtime: 'python3.12', Handler: 'lambda_function_v1.lambda_handler', Role: ROLE, Code: { ZipFile: await buildZip({ 'lambda_function_v1.py': SEED_V1 }) } });
    await op('CreateFunction', { FunctionName: 'echo', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: await buildZip({ 'index.mjs': NODE_ECHO }) } });
  });
  afterAll(async () => {
    // As main.ts does: the workers' last lines are flushed before the store closes (a timed flush
    // armed by them and left to fire after close threw "The database connection is not open").
    await lambda.dispose();
    sink.dispose();
    store.close();
    rmSync(codeDir, { recursive: true, force: true });
  });

  const call = (functionName: string, caller?: { principal: string; sourceArn: string }, qualifier?: string) =>
    lambda.invoker.invoke({ accountId: '000000000000', region: 'us-east-1', functionName, qualifier, payload: Buffer.from('{"path":"/"}'), caller });

  test('without a caller (the Invoke API itself) the function runs', async () => {
    const r = await call('seed');
    expect(r).toMatchObject({ statusCode: 200, executedVersion: '$LATEST', functionError: undefined });
    expect(JSON.parse(r.payload.toString())).toEqual({ statusCode: 200, body: '"Hi, This is ver 1 Lambda!"' });
    expect(r.logTail).toContain(`START RequestId: ${r.requestId} Version: $LATEST`);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  test('API Gateway as caller: AccessDeniedException without a matching statement, runs with one', async () => {
    const caller = { principal: 'apigateway.amazonaws.com', sourceArn: `${API}/dev/GET/` };
    await expect(call('seed', caller)).rejects.toMatchObject({
      code: 'AccessDeniedException',
      status: 403,
      message: `User: apigateway.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:seed because no resource-based policy allows the lambda:InvokeFunction action`,
    });
    await op('AddPermission', { FunctionName: 'seed', StatementId: 'other-api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:us-east-1:000000000000:zzzzzzzzzz/*' });
    await expect(call('seed', caller)).rejects.toMatchObject({ code: 'AccessDeniedException' });
    await op('AddPermission', { FunctionName: 'seed', StatementId: 'this-api', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `${API}/*/GET/*` });
    expect((await call('seed', caller)).statusCode).toBe(200);
    await expect(call('seed', { ...caller, sourceArn: `${API}/dev/POST/` })).rejects.toMatchObject({ code: 'AccessDeniedException' });
    await expect(call('missing', caller)).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  test('a permission on the function does not cover its aliases (as on AWS)', async () => {
    await op('PublishVersion', { FunctionName: 'seed' });
    await op('CreateAlias', { FunctionName: 'seed', Name: 'prod', FunctionVersion: '1' });
    const caller = { principal: 'apigateway.amazonaws.com', sourceArn: `${API}/dev/GET/` };
    await expect(call('seed', caller, 'prod')).rejects.toMatchObject({ code: 'AccessDeniedException' });
    await op('AddPermission', { FunctionName: 'seed', Qualifier: 'prod', StatementId: 'alias', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `${API}/*` });
    expect((await call('seed:prod', caller)).executedVersion).toBe('1');
    // A `qualifier` in the request wins over the one in the name (the invoker's contract).
    expect((await call('seed:nope', caller, 'prod')).executedVersion).toBe('1');
  });

  test('idle workers retire after idleMs on the injected clock; the next call starts a new one', async () => {
    const warm = await call('echo');
    expect(warm.logTail).toMatch(/Init Duration/);
    expect((await call('echo')).logTail).not.toMatch(/Init Duration/);
    const key = '000000000000/us-east-1/echo#$LATEST';
    expect(hostStats()[key]).toMatchObject({ workers: 1, idle: 1 });
    clock.advance(59_000);
    expect(hostStats()[key]).toMatchObject({ workers: 1, idle: 1 });
    clock.advance(1_000);
    expect(hostStats()[key].idle).toBe(0); // stopped at once; its exit is reported when the process is gone
    expect(await eventually(async () => hostStats()[key].workers, (n) => n === 0)).toBe(0);
    expect((await call('echo')).logTail).toMatch(/Init Duration/);
  });

  test('updating code or configuration retires the warm workers of the old revision', async () => {
    await call('echo');
    await op('UpdateFunctionConfiguration', { FunctionName: 'echo', Environment: { Variables: { VERSION_LABEL: 'updated' } } });
    const r = await call('echo');
    expect(JSON.parse(r.payload.toString()).version).toBe('updated');
    expect(r.logTail).toMatch(/Init Duration/);
    await op('DeleteFunction', { FunctionName: 'echo' });
    await expect(call('echo')).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});
