// REST APIs through @aws-sdk/client-api-gateway: CRUD, answers shaped as AWS's recorded ones,
// pagination, cloneFrom, and every refusal with status, type, message and unchanged state.
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  PutMethodCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { body, client, expectAwsError, raw } from './fixtures.js';

describe('REST APIs', () => {
  const k = useKanaria({ accountId: '111111111111' });

  it('creates an API as AWS answers it, with its root resource', async () => {
    const apigw = client(k);
    const before = Math.floor(Date.now() / 1000);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'pets', description: 'this is my api' }));
    expect(api.$metadata.httpStatusCode).toBe(201);
    // [AWS-recorded] create-rest-api-1
    expect(body(api)).toEqual({
      apiKeySource: 'HEADER',
      createdDate: expect.any(Date),
      description: 'this is my api',
      disableExecuteApiEndpoint: false,
      endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] },
      id: expect.stringMatching(/^[a-z0-9]{10}$/),
      name: 'pets',
      rootResourceId: expect.stringMatching(/^[a-z0-9]{10}$/),
    });
    expect(Math.floor(api.createdDate!.getTime() / 1000)).toBeGreaterThanOrEqual(before);
    expect(body(await apigw.send(new GetRestApiCommand({ restApiId: api.id })))).toEqual(body(api));
    const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    expect(resources.items).toEqual([{ id: api.rootResourceId, path: '/' }]);
  });

  it('keeps optional fields only when given, and tags', async () => {
    const apigw = client(k);
    const api = await apigw.send(
      new CreateRestApiCommand({ name: 'opt', version: 'v1', binaryMediaTypes: [], tags: { MY_TAG1: 'MY_VALUE1' }, endpointConfiguration: { types: ['PRIVATE'] } }),
    );
    expect(api.version).toBe('v1');
    expect('binaryMediaTypes' in api).toBe(false);
    expect('description' in api).toBe(false);
    expect(api.tags).toEqual({ MY_TAG1: 'MY_VALUE1' });
    expect(api.endpointConfiguration).toEqual({ ipAddressType: 'dualstack', types: ['PRIVATE'] });
  });

  it('refuses bad CreateRestApi input with AWS texts and creates nothing', async () => {
    const apigw = client(k);
    const count = (await apigw.send(new GetRestApisCommand({ limit: 500 }))).items!.length;
    await expectAwsError(apigw.send(new CreateRestApiCommand({ name: 'x', description: '' })), {
      name: 'BadRequestException',
      status: 400,
      message: 'Description cannot be an empty string',
    });
    await expectAwsError(apigw.send(new CreateRestApiCommand({ name: 'x', minimumCompressionSize: -1 })), {
      name: 'BadRequestException',
      status: 400,
      message: 'Invalid minimum compression size, must be between 0 and 10485760',
    });
    await expectAwsError(apigw.send(new CreateRestApiCommand({ name: 'x', endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } })), {
      name: 'BadRequestException',
      status: 400,
      message: 'Cannot create an api with multiple Endpoint Types.',
    });
    await expectAwsError(apigw.send(new CreateRestApiCommand({ name: 'x', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } })), {
      name: 'BadRequestException',
      status: 400,
      message: 'Only dualstack ipAddressType is supported for Private APIs.',
    });
    expect((await apigw.send(new GetRestApisCommand({ limit: 500 }))).items).toHaveLength(count);
  });

  it('answers a missing API with the account in the message', async () => {
    const apigw = client(k);
    for (const call of [
      () => apigw.send(new GetRestApiCommand({ restApiId: 'nope000000' })),
      () => apigw.send(new DeleteRestApiCommand({ restApiId: 'nope000000' })),
      () => apigw.send(new UpdateRestApiCommand({ restApiId: 'nope000000', patchOperations: [{ op: 'replace', path: '/name', value: 'x' }] })),
      () => apigw.send(new GetResourcesCommand({ restApiId: 'nope000000' })),
    ]) {
      await expectAwsError(call, { name: 'NotFoundException', status: 404, message: 'Invalid API identifier specified 111111111111:nope000000' });
    }
  });

  it('updates with patch operations, answering tags {} [AWS-recorded update-rest-api-*], and refuses bad ones unchanged', async () => {
    const apigw = client(k);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'upd', description: 'this is my api' }));
    const updated = await apigw.send(
      new UpdateRestApiCommand({
        restApiId: api.id,
        patchOperations: [
          { op: 'replace', path: '/name', value: 'renamed' },
          { op: 'add', path: '/binaryMediaTypes/image~1png' },
          { op: 'replace', path: '/minimumCompressionSize', value: '10' },
        ],
      }),
    );
    expect(updated).toMatchObject({ name: 'renamed', binaryMediaTypes: ['image/png'], minimumCompressionSize: 10, tags: {} });
    const before = body(await apigw.send(new GetRestApiCommand({ restApiId: api.id })));
    expect('tags' in before).toBe(false);
    await expectAwsError(
      apigw.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'replace', path: '/name', value: 'should-not-stick' },
            { op: 'add', path: '/minimumCompressionSize', value: '1' },
          ],
        }),
      ),
      { name: 'BadRequestException', status: 400, message: 'Invalid patch operation specified. Must be one of: [replace]' },
    );
    await expectAwsError(apigw.send(new UpdateRestApiCommand({ restApiId: api.id, patchOperations: [{ op: 'replace', path: '/binaryMediaTypes', value: 'x' }] })), {
      name: 'BadRequestException',
      status: 400,
      message: 'Invalid patch path /binaryMediaTypes',
    });
    expect(body(await apigw.send(new GetRestApiCommand({ restApiId: api.id })))).toEqual(before);
  });

  it('reports a bad patch op enum as a ValidationException with the AWS path', async () => {
    const api = await client(k).send(new CreateRestApiCommand({ name: 'enum' }));
    const answer = await raw(k, 'PATCH', `/restapis/${api.id}`, { patchOperations: [{ op: 'wrong', path: '/name', value: 'x' }] });
    expect([answer.status, answer.errorType]).toEqual([400, 'ValidationException']);
    expect(answer.body.message).toBe(
      "1 validation error detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    );
  });

  it('pages GetRestApis with position and limit', async () => {
    const apigw = client(k);
    for (let i = 0; i < 7; i++) await apigw.send(new CreateRestApiCommand({ name: `page-${i}` }));
    const all = (await apigw.send(new GetRestApisCommand({ limit: 500 }))).items!.map((a) => a.id);
    const seen: string[] = [];
    let position: string | undefined;
    do {
      const page = await apigw.send(new GetRestApisCommand({ limit: 3, position }));
      expect(page.items!.length).toBeLessThanOrEqual(3);
      seen.push(...page.items!.map((a) => a.id!));
      position = page.position;
    } while (position);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(7);
    await expectAwsError(apigw.send(new GetRestApisCommand({ limit: 501 })), { name: 'BadRequestException', status: 400, message: /^Invalid limit/ });
  });

  it('clones an API with cloneFrom: same tree and methods, new ids', async () => {
    const apigw = client(k);
    const source = await apigw.send(new CreateRestApiCommand({ name: 'source' }));
    const pets = await apigw.send(new CreateResourceCommand({ restApiId: source.id, parentId: source.rootResourceId, pathPart: 'pets' }));
    await apigw.send(new PutMethodCommand({ restApiId: source.id, resourceId: pets.id, httpMethod: 'GET', authorizationType: 'NONE' }));
    const copy = await apigw.send(new CreateRestApiCommand({ name: 'copy', cloneFrom: source.id }));
    const items = (await apigw.send(new GetResourcesCommand({ restApiId: copy.id, embed: ['methods'] }))).items!;
    expect(items.map((r) => [r.path, Object.keys(r.resourceMethods ?? {})])).toEqual([['/', []], ['/pets', ['GET']]]);
    expect(items[0].id).toBe(copy.rootResourceId);
    expect(items.map((r) => r.id)).not.toContain(pets.id);
    expect(items[1].parentId).toBe(copy.rootResourceId);
    await expectAwsError(apigw.send(new CreateRestApiCommand({ name: 'x', cloneFrom: 'nope000000' })), {
      name: 'NotFoundException',
      status: 404,
      message: 'Invalid API identifier specified 111111111111:nope000000',
    });
  });

  it('deletes an API with everything under it', async () => {
    const apigw = client(k);
    const api = await apigw.send(new CreateRestApiCommand({ name: 'gone' }));
    await apigw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'x' }));
    const deleted = await apigw.send(new DeleteRestApiCommand({ restApiId: api.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expectAwsError(apigw.send(new GetRestApiCommand({ restApiId: api.id })), { name: 'NotFoundException', status: 404, message: `Invalid API identifier specified 111111111111:${api.id}` });
    expect(k.kanaria.store.list('apigateway.resource', `111111111111/us-east-1/${api.id}/`)).toEqual([]);
  });
});
