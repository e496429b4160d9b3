// AWS CLI smoke test: `aws lambda create-function`, `invoke` (payload to a file, --log-type Tail),
// `get-function`, `add-permission`/`get-policy` and `delete-function` against Kanaria. Skipped,
// loudly, when the CLI is not installed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { AWS_CLI, awsCli } from '../../helpers/aws-cli.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';
import { SEED_V1 } from '../../fixtures/lambda/handlers.js';
import { buildZip } from '../../fixtures/lambda/zip.js';
import { ROLE } from './helpers.js';

const hasAws = hasTool(AWS_CLI);
if (!hasAws) announceSkip('test/integration/lambda/cli.test.ts', 'the AWS CLI (aws)');

describe.skipIf(!hasAws)('AWS CLI against Kanaria Lambda', () => {
  const k = useKanaria();
  const dir = mkdtempSync(join(tmpdir(), 'kanaria-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('create-function, invoke, get-function, add-permission, get-policy, delete-function', async () => {
    const zipPath = join(dir, 'function.zip');
    writeFileSync(zipPath, await buildZip({ 'lambda_function_v1.py': SEED_V1 }));
    const created = await awsCli(k.url, [
      'lambda', 'create-function', '--function-name', 'cli_fn', '--runtime', 'python3.12',
      '--handler', 'lambda_function_v1.lambda_handler', '--role', ROLE, '--zip-file', `fileb://${zipPath}`, '--timeout', '5',
    ]);
    expect(created.stderr).toBe('');
    expect(created.json).toMatchObject({ FunctionName: 'cli_fn', State: 'Active', Timeout: 5, Runtime: 'python3.12' });

    const inFile = join(dir, 'in.json');
    const outFile = join(dir, 'out.json');
    writeFileSync(inFile, '{"k": 1}');
    const invoked = await awsCli(k.url, ['lambda', 'invoke', '--function-name', 'cli_fn', '--log-type', 'Tail', '--payload', `fileb://${inFile}`, outFile]);
    expect(invoked.stderr).toBe('');
    expect(invoked.code).toBe(0);
    expect(invoked.json).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(Buffer.from(invoked.json.LogResult, 'base64').toString()).toContain('Lambda ver1 is called!');
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toEqual({ statusCode: 200, body: '"Hi, This is ver 1 Lambda!"' });

    const got = await awsCli(k.url, ['lambda', 'get-function', '--function-name', 'cli_fn']);
    expect(got.json.Configuration).toMatchObject({ FunctionName: 'cli_fn', PackageType: 'Zip' });

    await awsCli(k.url, [
      'lambda', 'add-permission', '--function-name', 'cli_fn', '--statement-id', 'AllowAPIGatewayInvoke', '--action', 'lambda:InvokeFunction',
      '--principal', 'apigateway.amazonaws.com', '--source-arn', 'arn:aws:execute-api:us-east-1:000000000000:abcdef1234/*',
    ]);
    const policy = await awsCli(k.url, ['lambda', 'get-policy', '--function-name', 'cli_fn']);
    expect(JSON.parse(policy.json.Policy).Statement[0].Sid).toBe('AllowAPIGatewayInvoke');

    const deleted = await awsCli(k.url, ['lambda', 'delete-function', '--function-name', 'cli_fn']);
    expect(deleted.code).toBe(0);
    const gone = await awsCli(k.url, ['lambda', 'get-function', '--function-name', 'cli_fn']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('ResourceNotFoundException');
    expect(gone.stderr).toContain('Function not found: arn:aws:lambda:us-east-1:000000000000:function:cli_fn');
  });
});
