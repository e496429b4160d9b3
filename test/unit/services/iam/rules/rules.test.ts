// IAM's small rules: ids, Marker paging, role tag merging, policy ARN parsing.
import { describe, expect, it } from 'vitest';
import { ROLE_ID_PREFIX, uniqueId } from '../../../../../src/services/iam/rules/ids.js';
import { decodeMarker, pageOf } from '../../../../../src/services/iam/rules/paging.js';
import { parsePolicyArn } from '../../../../../src/services/iam/rules/policy-arn.js';
import { hasDuplicateKeys, mergeTags, removeTags } from '../../../../../src/services/iam/rules/tags.js';

describe('uniqueId', () => {
  it('is the prefix and 17 characters of A-Z0-9 drawn from the random bytes', () => {
    expect(uniqueId(ROLE_ID_PREFIX, (n) => Buffer.alloc(n, 0))).toBe('AROAAAAAAAAAAAAAAAAAA');
    expect(uniqueId(ROLE_ID_PREFIX, (n) => Buffer.from(Array.from({ length: n }, (_, i) => i + 26)))).toBe('AROA0123456789ABCDEFG');
    expect(uniqueId('ANPA', (n) => Buffer.alloc(n, 255))).toMatch(/^ANPA[A-Z0-9]{17}$/);
  });
});

describe('pageOf', () => {
  const fail = () => new Error('bad marker');
  it('pages with a marker until IsTruncated is false', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const p1 = pageOf(all, undefined, 2, fail);
    expect(p1).toMatchObject({ items: ['a', 'b'], IsTruncated: true });
    const p2 = pageOf(all, p1.Marker, 2, fail);
    expect(p2).toMatchObject({ items: ['c', 'd'], IsTruncated: true });
    expect(pageOf(all, p2.Marker, 2, fail)).toEqual({ items: ['e'], IsTruncated: false });
    expect(pageOf(all, undefined, undefined, fail)).toEqual({ items: all, IsTruncated: false });
  });
  it('refuses a marker it did not write', () => {
    expect(decodeMarker('garbage')).toBeUndefined();
    expect(() => pageOf(['a'], 'garbage', 1, fail)).toThrow('bad marker');
  });
});

describe('role tags', () => {
  it('finds duplicate keys regardless of case', () => {
    expect(hasDuplicateKeys([{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }])).toBe(true);
    expect(hasDuplicateKeys([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '1' }])).toBe(false);
  });
  it('merges in place by key (any case) and appends new keys; removes by key', () => {
    const merged = mergeTags([{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], [{ Key: 'A', Value: 'x' }, { Key: 'c', Value: '' }]);
    expect(merged).toEqual([{ Key: 'a', Value: 'x' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }]);
    expect(removeTags(merged, ['B', 'zz'])).toEqual([{ Key: 'a', Value: 'x' }, { Key: 'c', Value: '' }]);
  });
});

describe('parsePolicyArn', () => {
  it('reads AWS managed and customer policy ARNs with their paths', () => {
    expect(parsePolicyArn('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toEqual({ owner: 'aws', path: '/service-role/', name: 'AWSLambdaBasicExecutionRole' });
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/reader')).toEqual({ owner: '123456789012', path: '/', name: 'reader' });
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/a/b/reader')).toEqual({ owner: '123456789012', path: '/a/b/', name: 'reader' });
  });
  it('refuses what is not a policy ARN', () => {
    expect(parsePolicyArn('arn:aws:iam::123456789012:role/reader')).toBeUndefined();
    expect(parsePolicyArn('arn:aws:iam::12:policy/reader')).toBeUndefined();
    expect(parsePolicyArn('reader')).toBeUndefined();
  });
});
