// The deployment route table against the shared route cases, plus its build-once contract.
import { describe, expect, it } from 'vitest';
import { compileRouteTable } from '../../../src/gateway/route-table.js';
import { ROUTE_CASES, snapshotOf } from './route-table.cases.js';

describe('route table', () => {
  for (const c of ROUTE_CASES) {
    it(`${c.name}: ${c.request.join(' ')}`, () => {
      const table = compileRouteTable(snapshotOf(c.resources), (resource, httpMethod) => ({ resource: resource.path, httpMethod }));
      const found = table.match(...c.request);
      if (c.expected === null) expect(found).toBeNull();
      else expect(found && { resource: found.resource.path, method: found.method.httpMethod, pathParameters: found.pathParameters }).toEqual(c.expected);
    });
  }

  it('compiles each method once, not per request, and is frozen', () => {
    let compiled = 0;
    const table = compileRouteTable(snapshotOf([{ path: '/a/{b}', methods: ['GET', 'POST'] }]), () => ++compiled);
    for (let i = 0; i < 100; i++) table.match('GET', `/a/${i}`);
    expect(compiled).toBe(2);
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.isFrozen(table.resources[0].methods)).toBe(true);
  });
});
