// Resources through @aws-sdk/client-api-gateway: CRUD, renames and moves, embed=methods,
// pagination, concurrency, and every refusal with status, type, message and unchanged state.
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourcesCommand,
  PutMethodCommand,
  UpdateResourceCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { body, client, expectAwsError } from './fixtures.js';

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
