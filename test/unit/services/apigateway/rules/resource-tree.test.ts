// The resource tree rules [AWS-recorded test_create_proxy_resource_validation,
// test_update_resource_behaviour] and the pagination helper.
import { describe, expect, it } from 'vitest';
import type { Resource } from '../../../../../src/aws/generated/apigateway.js';
import { paginate } from '../../../../../src/services/apigateway/pagination.js';
import { checkChild, isWithin, repath, subtree } from '../../../../../src/services/apigateway/rules/resource-tree.js';

const tree = (): Resource[] => [
  { id: 'root', path: '/' },
  { id: 'proxy', parentId: 'root', pathPart: '{proxy+}', path: '/{proxy+}' },
  { id: 'parent', parentId: 'root', pathPart: 'parent', path: '/parent' },
  { id: 'child', parentId: 'parent', pathPart: 'child', path: '/parent/child' },
  { id: 'leaf', parentId: 'child', pathPart: 'leaf', path: '/parent/child/leaf' },
];
const byId = (rs: Resource[], id: string) => rs.find((r) => r.id === id)!;

const attempt = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return `${(err as { code: string }).code}: ${(err as Error).message}`;
  }
};

describe('checkChild', () => {
  it('refuses a second variable among siblings, children of a greedy resource, duplicates and bad path parts', () => {
    const rs = tree();
    expect(attempt(() => checkChild(rs, byId(rs, 'root'), '{dynamic}'))).toBe(
      'BadRequestException: A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed',
    );
    expect(attempt(() => checkChild(rs, byId(rs, 'proxy'), 'child'))).toBe('BadRequestException: Cannot create a child of a resource with a greedy path variable: {proxy+}');
    expect(attempt(() => checkChild(rs, byId(rs, 'root'), 'parent'))).toBe('ConflictException: Another resource with the same parent already has this name: parent');
    expect(attempt(() => checkChild(rs, byId(rs, 'root'), 'a b'))).toMatch(/^BadRequestException: Resource's path part only allow a-zA-Z0-9._-/);
  });

  it('accepts static, variable and greedy parts where they fit, and a resource keeping its own name', () => {
    const rs = tree();
    expect(attempt(() => checkChild(rs, byId(rs, 'parent'), '{child+}'))).toBeUndefined();
    expect(attempt(() => checkChild(rs, byId(rs, 'root'), 'pets.v1_2-x'))).toBeUndefined();
    expect(attempt(() => checkChild(rs, byId(rs, 'root'), 'parent', 'parent'))).toBeUndefined();
  });
});

describe('tree walks', () => {
  it('finds descendants, detects cycles and recomputes paths below a renamed resource', () => {
    const rs = tree();
    expect(subtree(rs, 'parent').map((r) => r.id)).toEqual(['parent', 'child', 'leaf']);
    expect(isWithin(rs, 'leaf', 'parent')).toBe(true);
    expect(isWithin(rs, 'proxy', 'parent')).toBe(false);
    const parent = byId(rs, 'parent');
    parent.pathPart = 'dogs';
    parent.path = '/dogs';
    expect(repath(rs, parent).map((r) => r.path)).toEqual(['/dogs/child', '/dogs/child/leaf']);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ id: `id${String(i).padStart(2, '0')}` }));
  it('pages by 25 by default with an opaque position, and ends without one', () => {
    const first = paginate(items, (i) => i.id);
    expect(first.items).toHaveLength(25);
    expect(first.position).toBeDefined();
    const second = paginate(items, (i) => i.id, first.position, 30);
    expect(second.items[0].id).toBe('id25');
    expect(second.items).toHaveLength(30);
    const last = paginate(items, (i) => i.id, second.position);
    expect(last.items.map((i) => i.id)).toEqual(['id55', 'id56', 'id57', 'id58', 'id59']);
    expect(last.position).toBeUndefined();
  });

  it('refuses limits outside 1..500 and unknown positions', () => {
    expect(attempt(() => paginate(items, (i) => i.id, undefined, 0))).toMatch(/^BadRequestException: Invalid limit/);
    expect(attempt(() => paginate(items, (i) => i.id, undefined, 501))).toMatch(/^BadRequestException: Invalid limit/);
    expect(paginate(items, (i) => i.id, undefined, 500).items).toHaveLength(60);
    expect(attempt(() => paginate(items, (i) => i.id, 'bm9wZQ'))).toMatch(/^BadRequestException: Invalid position/);
  });
});
