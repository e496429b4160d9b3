// Versions, aliases with weighted routing and resource policies through the SDK: a 10% alias
// weight holds over 2000 invocations (99.9% binomial range), ExecutedVersion names the version
// that ran, the policy document is AWS's (GetPolicy 404 once the last statement is gone), and
// `--seed` makes the alias draws repeat across servers.
import {
  AddPermissionCommand,
  CreateAliasCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  RemovePermissionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectedCountRange, Z } from '../../../src/telemetry/binomial.js';
import { NODE_ECHO } from '../../fixtures/lambda/handlers.js';
import { buildZip } from '../../fixtures/lambda/zip.js';
import { useKanaria, type KanariaFixture } from '../../helpers/kanaria.js';
import { createFunction, failure, invoke } from './helpers.js';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function';

describe('Lambda versions, aliases and permissions', () => {
  // Seeded: the 2000 alias draws below cannot fall outside their 99.9 % interval by chance.
  const k = useKanaria({ seed: 20261123 });
  let lambda: LambdaClient;

  beforeAll(async () => {
    lambda = new LambdaClient(k.clientConfig);
    await createFunction(lambda, 'canary_fn', 'nodejs20.x', 'index.handler', { 'index.mjs': NODE_ECHO }, { Environment: { Variables: { VERSION_LABEL: 'one' } } });
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'canary_fn', Description: 'first' }));
    expect(v1).toMatchObject({ Version: '1', FunctionArn: `${ARN}:canary_fn:1`, Description: 'first', State: 'Active' });
    expect(v1.$metadata.httpStatusCode).toBe(201);
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'canary_fn', Environment: { Variables: { VERSION_LABEL: 'two' } } }));
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'canary_fn' }));
    expect(v2.Version).toBe('2');
  });

  test('versions are snapshots: each answers with the configuration it was published with', async () => {
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'canary_fn' }));
    expect(again.Version).toBe('2'); // nothing changed since version 2
    const list = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'canary_fn' }));
    expect(list.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
    expect(list.Versions?.map((v) => v.FunctionArn)).toEqual([`${ARN}:canary_fn:$LATEST`, `${ARN}:canary_fn:1`, `${ARN}:canary_fn:2`]);
    const paged = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'canary_fn', MaxItems: 2 }));
    expect(paged.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    const rest = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'canary_fn', Marker: paged.NextMarker }));
    expect(rest.Versions?.map((v) => v.Version)).toEqual(['2']);
    const one = await invoke(lambda, 'canary_fn', { n: 1 }, { Qualifier: '1' });
    expect(one).toMatchObject({ executedVersion: '1', json: { version: 'one', echo: { n: 1 } } });
    expect((await invoke(lambda, 'canary_fn:2')).json.version).toBe('two');
    expect((await invoke(lambda, 'canary_fn')).executedVersion).toBe('$LATEST');
    expect((await failure(invoke(lambda, 'canary_fn', {}, { Qualifier: '9' }))).message).toBe(`Function not found: ${ARN}:canary_fn:9`);
    const badSha = await failure(lambda.send(new PublishVersionCommand({ FunctionName: 'canary_fn', CodeSha256: 'nope' })));
    expect(badSha.message).toMatch(/^CodeSHA256 \(nope\) is different from current CodeSHA256 in \$LATEST/);
  });

  test('UpdateFunctionCode with Publish answers the new version', async () => {
    const zip = await buildZip({ 'index.mjs': NODE_ECHO.replace("'unset'", "'from-code'") });
    await lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'pinned', FunctionVersion: '2' }));
    const out = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'canary_fn', ZipFile: zip, Publish: true }));
    expect(out).toMatchObject({ Version: '3', FunctionArn: `${ARN}:canary_fn:3` });
    expect((await invoke(lambda, 'canary_fn:3')).json.version).toBe('two'); // VERSION_LABEL still set
    expect((await invoke(lambda, 'canary_fn:pinned')).executedVersion).toBe('2');
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'canary_fn', Name: 'pinned' }));
  });

  test('an alias with a 10% weight to version 2 sends about 10% of 2000 invocations there', async () => {
    const created = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'live', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } }),
    );
    expect(created).toMatchObject({
      AliasArn: `${ARN}:canary_fn:live`,
      Name: 'live',
      FunctionVersion: '1',
      Description: '',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    });
    expect(created.$metadata.httpStatusCode).toBe(201);
    const N = 2000;
    const counts: Record<string, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < N) {
        next++;
        const r = await invoke(lambda, 'canary_fn:live', {});
        counts[r.executedVersion!] = (counts[r.executedVersion!] ?? 0) + 1;
        expect(r.json.version).toBe(r.executedVersion === '2' ? 'two' : 'one');
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect((counts['1'] ?? 0) + (counts['2'] ?? 0)).toBe(N);
    const [lo, hi] = expectedCountRange(0.1, N, Z.p999);
    expect(counts['2']).toBeGreaterThanOrEqual(lo);
    expect(counts['2']).toBeLessThanOrEqual(hi);
  });

  test('aliases: get, list, update (weights dropped), AWS\'s errors', async () => {
    expect((await lambda.send(new GetAliasCommand({ FunctionName: 'canary_fn', Name: 'live' }))).FunctionVersion).toBe('1');
    await lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'beta', FunctionVersion: '2', Description: 'b' }));
    const list = await lambda.send(new ListAliasesCommand({ FunctionName: 'canary_fn' }));
    expect(list.Aliases?.map((a) => a.Name)).toEqual(['beta', 'live']);
    expect((await lambda.send(new ListAliasesCommand({ FunctionName: 'canary_fn', FunctionVersion: '2' }))).Aliases?.map((a) => a.Name)).toEqual(['beta']);

    expect(await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'live', FunctionVersion: '1' })))).toMatchObject({
      name: 'ResourceConflictException',
      status: 409,
      message: `Alias already exists: ${ARN}:canary_fn:live`,
    });
    expect(await failure(lambda.send(new GetAliasCommand({ FunctionName: 'canary_fn', Name: 'nope' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Cannot find alias arn: ${ARN}:canary_fn:nope`,
    });
    const two = await failure(
      lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'x', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1, '3': 0.1 } } })),
    );
    expect(two).toMatchObject({ name: 'InvalidParameterValueException', message: 'Number of items in AdditionalVersionWeights cannot be greater than 1' });
    const latest = await failure(
      lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'x', FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } })),
    );
    expect(latest.message).toBe('$LATEST is not supported for an alias pointing to more than 1 version');
    expect((await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'x', FunctionVersion: '7' })))).name).toBe('ResourceNotFoundException');
    const weight = await failure(
      lambda.send(new CreateAliasCommand({ FunctionName: 'canary_fn', Name: 'x', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 1.5 } } })),
    );
    expect(weight.name).toBe('ValidationException');

    const busy = await failure(lambda.send(new DeleteFunctionCommand({ FunctionName: 'canary_fn', Qualifier: '2' })));
    expect(busy).toMatchObject({ name: 'ResourceConflictException', message: 'Unable to delete version because the following aliases reference it: [beta, live]' });

    const updated = await lambda.send(new UpdateAliasCommand({ FunctionName: 'canary_fn', Name: 'live', RoutingConfig: { AdditionalVersionWeights: {} } }));
    expect(updated.RoutingConfig).toBeUndefined();
    expect(updated.RevisionId).not.toBe((await lambda.send(new GetAliasCommand({ FunctionName: 'canary_fn', Name: 'beta' }))).RevisionId);
    for (let i = 0; i < 20; i++) expect((await invoke(lambda, 'canary_fn:live')).executedVersion).toBe('1');
    const del = await lambda.send(new DeleteAliasCommand({ FunctionName: 'canary_fn', Name: 'beta' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    expect((await failure(invoke(lambda, 'canary_fn:beta'))).name).toBe('ResourceNotFoundException');
  });

  test('permissions: AddPermission, GetPolicy, duplicate Sid, RemovePermission, 404 after the last one', async () => {
    // The body Terraform's aws_lambda_permission sends for the seed.
    const sourceArn = 'arn:aws:execute-api:us-east-1:000000000000:9gjzzccycy/*';
    const added = await lambda.send(
      new AddPermissionCommand({ FunctionName: 'canary_fn', StatementId: 'AllowAPIGatewayInvoke', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn }),
    );
    expect(added.$metadata.httpStatusCode).toBe(201);
    const statement = {
      Sid: 'AllowAPIGatewayInvoke',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:canary_fn`,
      Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } },
    };
    expect(JSON.parse(added.Statement!)).toEqual(statement);
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'canary_fn' }));
    expect(JSON.parse(policy.Policy!)).toEqual({ Version: '2012-10-17', Id: 'default', Statement: [statement] });
    expect(policy.RevisionId).toMatch(/^[0-9a-f-]{36}$/);

    const dup = await failure(
      lambda.send(new AddPermissionCommand({ FunctionName: 'canary_fn', StatementId: 'AllowAPIGatewayInvoke', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' })),
    );
    expect(dup).toMatchObject({
      name: 'ResourceConflictException',
      status: 409,
      message: 'The statement id (AllowAPIGatewayInvoke) provided already exists. Please provide a new statement id, or remove the existing statement.',
    });
    await lambda.send(new AddPermissionCommand({ FunctionName: 'canary_fn', StatementId: 'OnAlias', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', Qualifier: 'live' }));
    const aliasPolicy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: 'canary_fn', Qualifier: 'live' }))).Policy!);
    expect(aliasPolicy.Statement.map((s: { Sid: string; Resource: string }) => [s.Sid, s.Resource])).toEqual([['OnAlias', `${ARN}:canary_fn:live`]]);

    const removed = await lambda.send(new RemovePermissionCommand({ FunctionName: 'canary_fn', StatementId: 'AllowAPIGatewayInvoke' }));
    expect(removed.$metadata.httpStatusCode).toBe(204);
    expect(await failure(lambda.send(new GetPolicyCommand({ FunctionName: 'canary_fn' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
      message: 'The resource you requested does not exist.',
    });
    expect((await failure(lambda.send(new RemovePermissionCommand({ FunctionName: 'canary_fn', StatementId: 'nope', Qualifier: 'live' })))).message).toBe(
      'Statement nope is not found in resource policy.',
    );
    const latest = await failure(
      lambda.send(new AddPermissionCommand({ FunctionName: 'canary_fn', StatementId: 's', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', Qualifier: '$LATEST' })),
    );
    expect(latest.message).toBe('We currently do not support adding policies for $LATEST.');
  });
});

describe('Lambda alias routing with `kanaria start --seed`', () => {
  const first = useKanaria({ seed: 7 });
  const second = useKanaria({ seed: 7 });

  /** The versions 30 sequential invocations of a 50/50 alias ran, on one server. */
  async function draws(k: KanariaFixture): Promise<string[]> {
    const lambda = new LambdaClient(k.clientConfig);
    await createFunction(lambda, 'coin', 'nodejs20.x', 'index.handler', { 'index.mjs': NODE_ECHO });
    await lambda.send(new PublishVersionCommand({ FunctionName: 'coin' }));
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'coin', Environment: { Variables: { VERSION_LABEL: 'two' } } }));
    await lambda.send(new PublishVersionCommand({ FunctionName: 'coin' }));
    await lambda.send(new CreateAliasCommand({ FunctionName: 'coin', Name: 'flip', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) seen.push((await invoke(lambda, 'coin:flip')).executedVersion!);
    return seen;
  }

  test('two servers with the same seed route the same invocations to the same versions', async () => {
    const a = await draws(first);
    const b = await draws(second);
    expect(new Set(a)).toEqual(new Set(['1', '2'])); // both versions drawn: not a constant
    expect(b).toEqual(a);
  });
});
