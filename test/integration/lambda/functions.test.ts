// The function API through @aws-sdk/client-lambda, with handlers that really run: the seed's two
// Python functions as Terraform creates them, Node handlers (ESM, CommonJS callback), their logs
// read back through CloudWatch Logs, code and configuration updates, deletes and AWS's errors.
import { createHash } from 'node:crypto';
import { CloudWatchLogsClient, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteFunctionCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  CreateFunctionCommand,
} from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { NODE_CJS_CALLBACK, NODE_ESM_INTROSPECT, NODE_TYPE_MODULE, PY_INTROSPECT, SEED_V1, SEED_V2 } from '../../fixtures/lambda/handlers.js';
import { buildZip } from '../../fixtures/lambda/zip.js';
import { createFunction, failure, invoke, logEvents, ROLE } from './helpers.js';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';
const LAMBDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Lambda functions', () => {
  const k = useKanaria();
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;
  let seedZip: Buffer;

  beforeAll(async () => {
    lambda = new LambdaClient(k.clientConfig);
    logs = new CloudWatchLogsClient(k.clientConfig);
    // The request Terraform's aws_lambda_function sends for the seed (terraform-seed-operations.md).
    seedZip = await buildZip({ 'lambda_function_v1.py': SEED_V1 });
    await lambda.send(
      new CreateFunctionCommand({
        Code: { ZipFile: seedZip },
        Description: '',
        FunctionName: 'version1_lambda',
        Handler: 'lambda_function_v1.lambda_handler',
        MemorySize: 128,
        PackageType: 'Zip',
        Role: ROLE,
        Runtime: 'python3.12',
        Timeout: 5,
      }),
    );
    await createFunction(lambda, 'version2_lambda', 'python3.12', 'lambda_function_v2.lambda_handler', { 'lambda_function_v2.py': SEED_V2 }, { Timeout: 5 });
  });

  test('CreateFunction answers 201 with the configuration AWS reports', async () => {
    const { zip, out } = await createFunction(lambda, 'shape_check', 'python3.12', 'lambda_function_v1.lambda_handler', { 'lambda_function_v1.py': SEED_V1 });
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out).toMatchObject({
      FunctionName: 'shape_check',
      FunctionArn: `${ARN}:shape_check`,
      Runtime: 'python3.12',
      Role: ROLE,
      Handler: 'lambda_function_v1.lambda_handler',
      CodeSize: zip.length,
      CodeSha256: createHash('sha256').update(zip).digest('base64'),
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      State: 'Active',
      LastUpdateStatus: 'Successful',
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
      TracingConfig: { Mode: 'PassThrough' },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/shape_check' },
    });
    expect(out.LastModified).toMatch(LAMBDA_DATE);
    expect(out.RevisionId).toMatch(UUID);
    expect(out.RuntimeVersionConfig?.RuntimeVersionArn).toMatch(/^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
  });

  test('the seed functions run for real and answer what their code returns', async () => {
    const v1 = await invoke(lambda, 'version1_lambda');
    expect(v1).toMatchObject({ status: 200, functionError: undefined, executedVersion: '$LATEST' });
    expect(v1.json).toEqual({ statusCode: 200, body: '"Hi, This is ver 1 Lambda!"' });
    const v2 = await invoke(lambda, 'version2_lambda', { any: 'event' });
    expect(v2.json).toEqual({ statusCode: 200, body: '"Hi, This is ver 2 Lambda!"' });
  });

  test('their output reaches /aws/lambda/{name}, framed by START, END and REPORT', async () => {
    const { requestId } = await invoke(lambda, 'version1_lambda');
    const events = await logEvents(logs, '/aws/lambda/version1_lambda');
    const mine = events.filter((e) => e.message?.includes(requestId!) || e.message === 'Lambda ver1 is called!\n');
    const start = mine.findIndex((e) => e.message === `START RequestId: ${requestId} Version: $LATEST\n`);
    const end = mine.findIndex((e) => e.message === `END RequestId: ${requestId}\n`);
    const report = mine.findIndex((e) => e.message?.startsWith(`REPORT RequestId: ${requestId}\t`));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(mine.slice(start, end).some((e) => e.message === 'Lambda ver1 is called!\n')).toBe(true);
    expect(report).toBe(end + 1);
    expect(mine[report].message).toMatch(
      /^REPORT RequestId: \S+\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t\n$/,
    );
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/version1_lambda' }));
    expect(streams.logStreams?.length).toBeGreaterThan(0);
    for (const s of streams.logStreams ?? []) expect(s.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  test('LogType Tail returns the last 4 KB of the invocation log, base64', async () => {
    const r = await invoke(lambda, 'version2_lambda', {}, { LogType: 'Tail' });
    expect(r.log).toContain(`START RequestId: ${r.requestId} Version: $LATEST\n`);
    expect(r.log).toContain('Lambda ver2 is called!\n');
    expect(r.log).toContain(`END RequestId: ${r.requestId}\n`);
    expect(r.log).toMatch(/REPORT RequestId: \S+\tDuration: /);
    expect(Buffer.byteLength(r.log!)).toBeLessThanOrEqual(4096);
  });

  test('Python handlers get AWS context fields and the sandbox environment, not the host one', async () => {
    process.env.KANARIA_HOST_SECRET = 'must-not-leak';
    await createFunction(lambda, 'py_introspect', 'python3.12', 'app.handler', { 'app.py': PY_INTROSPECT }, {
      MemorySize: 256,
      Environment: { Variables: { GREETING: 'hello' } },
    });
    const r = await invoke(lambda, 'py_introspect', { tag: 'x' });
    expect(r.functionError).toBeUndefined();
    const out = r.json;
    expect(out).toMatchObject({
      event: { tag: 'x' },
      function_name: 'py_introspect',
      function_version: '$LATEST',
      invoked_function_arn: `${ARN}:py_introspect`,
      memory_limit_in_mb: '256',
      aws_request_id: r.requestId,
      log_group_name: '/aws/lambda/py_introspect',
    });
    expect(out.remaining).toBeGreaterThan(2000);
    expect(out.remaining).toBeLessThanOrEqual(3000);
    expect(out.log_stream_name).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(out.env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'py_introspect',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/py_introspect',
      AWS_LAMBDA_LOG_STREAM_NAME: out.log_stream_name,
      _HANDLER: 'app.handler',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      GREETING: 'hello',
    });
    expect(out.env.LAMBDA_TASK_ROOT).toBe(out.cwd);
    expect(out.env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(out.env_keys).not.toContain('KANARIA_HOST_SECRET');
    expect(out.env_keys).not.toContain('HOME');
    delete process.env.KANARIA_HOST_SECRET;
    const tail = (await invoke(lambda, 'py_introspect', { tag: 'z' }, { LogType: 'Tail' })).log!;
    expect(tail).toContain('introspecting z\n');
    // The logging module is formatted as AWS's Python runtime does: [LEVEL]\t<time>\t<request id>\t<message>
    expect(tail).toMatch(/\n\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tthrough logging\n/);
  });

  test('Node handlers: ES module async, CommonJS callback, and .js under "type": "module"', async () => {
    await createFunction(lambda, 'node_esm', 'nodejs20.x', 'index.handler', { 'index.mjs': NODE_ESM_INTROSPECT }, { Environment: { Variables: { GREETING: 'hi' } } });
    const esm = await invoke(lambda, 'node_esm', { a: 1 });
    expect(esm.functionError).toBeUndefined();
    expect(esm.json).toMatchObject({
      event: { a: 1 },
      functionName: 'node_esm',
      functionVersion: '$LATEST',
      invokedFunctionArn: `${ARN}:node_esm`,
      memoryLimitInMB: '128',
      awsRequestId: esm.requestId,
      logGroupName: '/aws/lambda/node_esm',
      callbackWaitsForEmptyEventLoop: true,
      env: { AWS_LAMBDA_FUNCTION_NAME: 'node_esm', AWS_REGION: 'us-east-1', _HANDLER: 'index.handler', TZ: ':UTC', GREETING: 'hi' },
    });
    expect(esm.json.remaining).toBeGreaterThan(2000);
    expect(esm.json.envKeys).not.toContain('KANARIA_HOST_SECRET');

    await createFunction(lambda, 'node_cjs', 'nodejs18.x', 'index.handler', { 'index.js': NODE_CJS_CALLBACK });
    const cjs = await invoke(lambda, 'node_cjs', { n: 21 });
    expect(cjs.json).toEqual({ style: 'callback', n: 42, requestId: cjs.requestId });

    await createFunction(lambda, 'node_type_module', 'nodejs22.x', 'app/main.run', NODE_TYPE_MODULE);
    expect((await invoke(lambda, 'node_type_module', [1, 2])).json).toEqual({ style: 'esm-js', got: [1, 2] });

    const events = await logEvents(logs, '/aws/lambda/node_esm');
    expect(events.some((e) => /^\d{4}-\d\d-\d\dT[\d:.]+Z\t[0-9a-f-]{36}\tINFO\tnode esm called \{"a":1\}\n$/.test(e.message ?? ''))).toBe(true);
  });

  test('answers come back exactly as the handler returned them: non-ASCII, tabs, escapes, a lone surrogate, 1 MB', async () => {
    await createFunction(lambda, 'echo_node', 'nodejs20.x', 'index.handler', { 'index.mjs': 'export const handler = async (event) => event;\n' });
    await createFunction(lambda, 'echo_python', 'python3.12', 'app.handler', { 'app.py': 'def handler(event, context):\n    return event\n' });
    const event = { text: 'héllo 世界 😀\ttab\nnewline\r\\ "quoted"', lone: '\ud800', big: 'x'.repeat(1024 * 1024) };
    for (const name of ['echo_node', 'echo_python']) {
      const r = await invoke(lambda, name, event);
      expect(r.functionError, name).toBeUndefined();
      expect(r.json, name).toEqual(event);
    }
  });

  test('output written straight to fd 1 and 2 (C code, child processes) is captured before END', async () => {
    const code = [
      'import os, subprocess',
      'def handler(event, context):',
      '    print("from print")',
      '    os.write(1, b"from fd 1\\n")',
      '    os.write(2, b"from fd 2\\n")',
      '    subprocess.run(["echo", "from a child process"], check=True)',
      '    return "ok"',
      '',
    ].join('\n');
    await createFunction(lambda, 'raw_output', 'python3.12', 'app.handler', { 'app.py': code });
    for (let i = 0; i < 3; i++) {
      const r = await invoke(lambda, 'raw_output', {}, { LogType: 'Tail' });
      const lines = r.log!.split('\n');
      const end = lines.indexOf(`END RequestId: ${r.requestId}`);
      for (const line of ['from print', 'from fd 1', 'from fd 2', 'from a child process']) {
        expect(lines.indexOf(line)).toBeGreaterThan(0);
        expect(lines.indexOf(line)).toBeLessThan(end);
      }
    }
  });

  test('UpdateFunctionCode: the next invocation runs the new code', async () => {
    const before = await lambda.send(new GetFunctionCommand({ FunctionName: 'version2_lambda' }));
    const zip = await buildZip({ 'lambda_function_v2.py': SEED_V2.replace('ver 2', 'ver 3') });
    const updated = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'version2_lambda', ZipFile: zip }));
    expect(updated.CodeSha256).toBe(createHash('sha256').update(zip).digest('base64'));
    expect(updated.RevisionId).not.toBe(before.Configuration?.RevisionId);
    expect(updated.LastUpdateStatus).toBe('Successful');
    expect((await invoke(lambda, 'version2_lambda')).json.body).toBe('"Hi, This is ver 3 Lambda!"');
  });

  test('UpdateFunctionConfiguration: new environment, handler and timeout apply to the next invocation', async () => {
    const out = await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'py_introspect', Environment: { Variables: { GREETING: 'bonjour' } }, Timeout: 10 }),
    );
    expect(out).toMatchObject({ Timeout: 10, Environment: { Variables: { GREETING: 'bonjour' } }, MemorySize: 256 });
    const r = await invoke(lambda, 'py_introspect', { tag: 'y' });
    expect(r.json.env.GREETING).toBe('bonjour');
    expect(r.json.remaining).toBeGreaterThan(8000);
    const reserved = await failure(
      lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'py_introspect', Environment: { Variables: { AWS_REGION: 'eu-west-1' } } })),
    );
    expect(reserved).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(reserved.message).toContain('Reserved keys used in this request: AWS_REGION');
  });

  test('function names may be full or partial ARNs, with qualifiers', async () => {
    expect((await invoke(lambda, `${ARN}:version1_lambda`)).json.statusCode).toBe(200);
    expect((await invoke(lambda, '000000000000:function:version1_lambda')).json.statusCode).toBe(200);
    expect((await invoke(lambda, 'version1_lambda:$LATEST')).executedVersion).toBe('$LATEST');
    const cfg = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: `${ARN}:version1_lambda`, Qualifier: '$LATEST' }));
    expect(cfg.FunctionArn).toBe(`${ARN}:version1_lambda:$LATEST`);
    const otherRegion = await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:version1_lambda' })));
    expect(otherRegion.name).toBe('InvalidParameterValueException');
  });

  test('Event answers 202 and runs in the background; DryRun answers 204', async () => {
    const event = await lambda.send(new InvokeCommand({ FunctionName: 'version1_lambda', InvocationType: 'Event', Payload: Buffer.from('{}') }));
    expect(event.StatusCode).toBe(202);
    expect(event.Payload?.length ?? 0).toBe(0);
    const dry = await lambda.send(new InvokeCommand({ FunctionName: 'version1_lambda', InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    const missing = await failure(lambda.send(new InvokeCommand({ FunctionName: 'nope', InvocationType: 'DryRun' })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });

  test('GetFunction: configuration, a code location serving the zip, tags; the read calls Terraform makes', async () => {
    await lambda.send(new TagResourceCommand({ Resource: `${ARN}:version1_lambda`, Tags: { team: 'canary', env: 'dev' } }));
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'version1_lambda' }));
    expect(got.Configuration?.FunctionArn).toBe(`${ARN}:version1_lambda`);
    expect(got.Tags).toEqual({ team: 'canary', env: 'dev' });
    expect(got.Code?.RepositoryType).toBe('S3');
    const downloaded = Buffer.from(await (await fetch(got.Code!.Location!)).arrayBuffer());
    expect(downloaded.equals(seedZip)).toBe(true);
    await lambda.send(new UntagResourceCommand({ Resource: `${ARN}:version1_lambda`, TagKeys: ['env'] }));
    expect((await lambda.send(new ListTagsCommand({ Resource: `${ARN}:version1_lambda` }))).Tags).toEqual({ team: 'canary' });

    const csc = await lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'version1_lambda' }));
    expect(csc).toMatchObject({ CodeSigningConfigArn: '', FunctionName: 'version1_lambda' });
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'version1_lambda', MaxItems: 10000 }));
    expect(versions.Versions?.map((v) => [v.Version, v.FunctionArn])).toEqual([['$LATEST', `${ARN}:version1_lambda:$LATEST`]]);
    const list = await lambda.send(new ListFunctionsCommand({}));
    expect(list.Functions?.map((f) => f.FunctionName)).toEqual(expect.arrayContaining(['version1_lambda', 'version2_lambda']));
  });

  test('AWS errors: not found, already exists, bad payload, missing runtime, unsupported runtime', async () => {
    expect(await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: ${ARN}:nope`,
      status: 404,
      Type: 'User',
    });
    expect(await failure(createFunction(lambda, 'version1_lambda', 'python3.12', 'x.y', { 'x.py': '' }))).toMatchObject({
      name: 'ResourceConflictException',
      message: 'Function already exist: version1_lambda',
      status: 409,
    });
    const bad = await failure(lambda.send(new InvokeCommand({ FunctionName: 'version1_lambda', Payload: Buffer.from('{not json') })));
    expect(bad).toMatchObject({ name: 'InvalidRequestContentException', status: 400 });
    expect(bad.message).toMatch(/^Could not parse request body into json: Could not parse payload into json: /);
    const noHandler = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'no_handler', Role: ROLE, Code: { ZipFile: seedZip } })));
    expect(noHandler).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    });
    const java = await failure(createFunction(lambda, 'java_fn', 'java21', 'x::y', { 'x.py': '' }));
    expect(java.name).toBe('InvalidParameterValueException');
    const s3 = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 's3_fn', Role: ROLE, Runtime: 'python3.12', Handler: 'a.b', Code: { S3Bucket: 'my-code-bucket', S3Key: 'fn.zip' } })));
    expect(s3.message).toContain('NoSuchBucket');
  });

  test('DeleteFunction answers 204; the function is gone', async () => {
    await createFunction(lambda, 'doomed', 'python3.12', 'lambda_function_v1.lambda_handler', { 'lambda_function_v1.py': SEED_V1 });
    expect((await invoke(lambda, 'doomed')).status).toBe(200);
    const del = await lambda.send(new DeleteFunctionCommand({ FunctionName: 'doomed' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect((await failure(invoke(lambda, 'doomed'))).name).toBe('ResourceNotFoundException');
    expect((await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'doomed' })))).status).toBe(404);
    // The seed functions still serve.
    expect((await invoke(lambda, 'version1_lambda')).status).toBe(200);
  });
});
