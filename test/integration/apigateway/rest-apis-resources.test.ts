// REST APIs and resources through @aws-sdk/client-api-gateway: CRUD, answers shaped as AWS's
// recorded ones, pagination, and every refusal with status, type, message and unchanged state.
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  PutMethodCommand,
  UpdateResourceCommand,
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

describe('resources', () => {
  const k = useKanaria();

  async function api() {
    const created = await client(k).send(new CreateRestApiCommand({ name: 'tree' }));
    return { apiId: created.id!, rootId: created.rootResourceId! };
  }

  it('creates, reads, renames and moves resources; paths below follow [AWS-recorded test_resource_lifecycle]', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    const pets = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'pets' }));
    expect(pets.$metadata.httpStatusCode).toBe(201);
    expect(body(pets)).toEqual({ id: expect.stringMatching(/^[a-z0-9]{10}$/), parentId: rootId, path: '/pets', pathPart: 'pets' });
    const sub = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: pets.id, pathPart: 'subpets' }));
    expect(sub.path).toBe('/pets/subpets');
    const renamed = await apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: pets.id, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'dogs' }] }));
    expect(body(renamed)).toEqual({ id: pets.id, parentId: rootId, path: '/dogs', pathPart: 'dogs' });
    expect((await apigw.send(new GetResourceCommand({ restApiId: apiId, resourceId: sub.id }))).path).toBe('/dogs/subpets');
    const moved = await apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: sub.id, patchOperations: [{ op: 'replace', path: '/parentId', value: rootId }] }));
    expect(body(moved)).toEqual({ id: sub.id, parentId: rootId, path: '/subpets', pathPart: 'subpets' });
  });

  it('lists methods by name, or embedded in full with embed=methods', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    await apigw.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'POST', authorizationType: 'NONE' }));
    expect((await apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items).toEqual([{ id: rootId, path: '/', resourceMethods: { POST: {} } }]);
    expect((await apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ['methods'] }))).items).toEqual([
      { id: rootId, path: '/', resourceMethods: { POST: { httpMethod: 'POST', authorizationType: 'NONE', apiKeyRequired: false } } },
    ]);
    expect((await apigw.send(new GetResourceCommand({ restApiId: apiId, resourceId: rootId, embed: ['methods'] }))).resourceMethods?.POST?.httpMethod).toBe('POST');
  });

  it('pages resources', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    for (let i = 0; i < 5; i++) await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: `r${i}` }));
    const first = await apigw.send(new GetResourcesCommand({ restApiId: apiId, limit: 4 }));
    const second = await apigw.send(new GetResourcesCommand({ restApiId: apiId, limit: 4, position: first.position }));
    expect(first.items!.map((r) => r.path)).toEqual(['/', '/r0', '/r1', '/r2']);
    expect(second.items!.map((r) => r.path)).toEqual(['/r3', '/r4']);
    expect(second.position).toBeUndefined();
  });

  it('loses no update under concurrent requests on one API', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: `c${i}` }))),
    );
    await Promise.all(created.map((r) => apigw.send(new PutMethodCommand({ restApiId: apiId, resourceId: r.id, httpMethod: 'GET', authorizationType: 'NONE' }))));
    await Promise.all(['GET', 'POST', 'PUT', 'DELETE'].map((httpMethod) => apigw.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod, authorizationType: 'NONE' }))));
    const items = (await apigw.send(new GetResourcesCommand({ restApiId: apiId, limit: 500 }))).items!;
    expect(items).toHaveLength(21);
    expect(Object.keys(items.find((r) => r.id === rootId)!.resourceMethods!).sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    expect(items.filter((r) => r.resourceMethods?.GET)).toHaveLength(21);
  });

  it('deletes a resource with its children, never the root', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    const a = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'a' }));
    const b = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: a.id, pathPart: 'b' }));
    expect((await apigw.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: a.id }))).$metadata.httpStatusCode).toBe(202);
    await expectAwsError(apigw.send(new GetResourceCommand({ restApiId: apiId, resourceId: b.id })), { name: 'NotFoundException', status: 404, message: 'Invalid Resource identifier specified' });
    await expectAwsError(apigw.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: rootId })), { name: 'BadRequestException', status: 400, message: 'Root resource cannot be deleted.' });
    expect((await apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items).toEqual([{ id: rootId, path: '/' }]);
  });

  it('refuses bad resources with AWS texts and leaves the tree unchanged', async () => {
    const apigw = client(k);
    const { apiId, rootId } = await api();
    const proxy = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{proxy+}' }));
    const pets = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'pets' }));
    const child = await apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: pets.id, pathPart: 'child' }));
    const before = (await apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items;
    const refusals: [() => Promise<unknown>, string, number, string][] = [
      [() => apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'pets' })), 'ConflictException', 409, 'Another resource with the same parent already has this name: pets'],
      [() => apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: '{dynamic}' })), 'BadRequestException', 400, 'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed'],
      [() => apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: proxy.id, pathPart: 'child' })), 'BadRequestException', 400, 'Cannot create a child of a resource with a greedy path variable: {proxy+}'],
      [() => apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: 'nope', pathPart: 'x' })), 'NotFoundException', 404, 'Invalid Resource identifier specified'],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: pets.id, patchOperations: [{ op: 'replace', path: '/parentId', value: child.id }] })), 'BadRequestException', 400, 'Resources cannot be cyclical.'],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: pets.id, patchOperations: [{ op: 'replace', path: '/parentId', value: 'nope' }] })), 'NotFoundException', 404, 'Invalid Resource identifier specified'],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: pets.id, patchOperations: [{ op: 'replace', path: '/invalid', value: 'x' }] })), 'BadRequestException', 400, "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: pets.id, patchOperations: [{ op: 'add', path: '/pathPart', value: 'x' }] })), 'BadRequestException', 400, "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: rootId, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'x' }] })), 'BadRequestException', 400, 'Root resource cannot update its pathPart.'],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: rootId, patchOperations: [{ op: 'replace', path: '/parentId', value: pets.id }] })), 'BadRequestException', 400, 'Root resource cannot update its parentId.'],
      [() => apigw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: child.id, patchOperations: [{ op: 'replace', path: '/pathPart', value: 'ok' }, { op: 'replace', path: '/pathPart', value: 'bad part' }] })), 'BadRequestException', 400, "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."],
    ];
    for (const [call, name, status, message] of refusals) await expectAwsError(call, { name, status, message });
    expect((await apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items).toEqual(before);
  });
});
