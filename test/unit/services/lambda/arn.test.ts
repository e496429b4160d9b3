import { describe, expect, test } from 'vitest';
import { functionArn, parseFunctionName, qualifierKind, withoutQualifier } from '../../../../src/services/lambda/arn.js';
import { locate } from '../../../../src/services/lambda/resolve.js';

const ctx = { accountId: '000000000000', region: 'us-east-1' };

describe('function names as Lambda accepts them (name, partial ARN, full ARN)', () => {
  test.each([
    ['my-function', { name: 'my-function' }],
    ['my-function:prod', { name: 'my-function', qualifier: 'prod' }],
    ['my-function:$LATEST', { name: 'my-function', qualifier: '$LATEST' }],
    ['123456789012:function:my-function', { accountId: '123456789012', name: 'my-function' }],
    ['123456789012:function:my-function:7', { accountId: '123456789012', name: 'my-function', qualifier: '7' }],
    ['arn:aws:lambda:us-west-2:123456789012:function:my-function', { region: 'us-west-2', accountId: '123456789012', name: 'my-function' }],
    ['arn:aws:lambda:eu-central-1:123456789012:function:f_1:live', { region: 'eu-central-1', accountId: '123456789012', name: 'f_1', qualifier: 'live' }],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:f', { region: 'cn-north-1', accountId: '123456789012', name: 'f' }],
    // An integration URI may write the account as `*` (terraform-provider-aws #156): the caller's account.
    ['arn:aws:lambda:us-east-1:*:function:f:live', { region: 'us-east-1', name: 'f', qualifier: 'live' }],
  ])('%s', (input, expected) => {
    expect(parseFunctionName(input)).toEqual({ accountId: undefined, region: undefined, qualifier: undefined, ...expected });
  });

  test.each(['', 'a:b:c', 'arn:aws:s3:::bucket', 'has space', 'arn:aws:lambda:us-east-1:123:function:f'])('%s is not a function name', (input) => {
    expect(parseFunctionName(input)).toBeUndefined();
  });

  test('dropping a qualifier keeps the rest as written', () => {
    expect(withoutQualifier('f:prod')).toBe('f');
    expect(withoutQualifier('f')).toBe('f');
    expect(withoutQualifier('arn:aws:lambda:us-east-1:123456789012:function:f:7')).toBe('arn:aws:lambda:us-east-1:123456789012:function:f');
    expect(withoutQualifier('arn:aws:lambda:us-east-1:123456789012:function:f')).toBe('arn:aws:lambda:us-east-1:123456789012:function:f');
  });

  test('ARNs are built the way AWS prints them', () => {
    expect(functionArn('us-east-1', '000000000000', 'f')).toBe('arn:aws:lambda:us-east-1:000000000000:function:f');
    expect(functionArn('us-east-1', '000000000000', 'f', '$LATEST')).toBe('arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST');
  });

  test('qualifiers: $LATEST, published versions, aliases', () => {
    expect(qualifierKind(undefined)).toBe('latest');
    expect(qualifierKind('$LATEST')).toBe('latest');
    expect(qualifierKind('12')).toBe('version');
    expect(qualifierKind('prod')).toBe('alias');
    expect(qualifierKind('v1')).toBe('alias');
  });

  test('locate: the Qualifier parameter and the name must agree; another region is refused', () => {
    expect(locate(ctx, 'f:prod')).toEqual({ ...ctx, name: 'f', qualifier: 'prod' });
    expect(locate(ctx, 'f', '3')).toEqual({ ...ctx, name: 'f', qualifier: '3' });
    expect(locate(ctx, 'f:3', '3').qualifier).toBe('3');
    expect(() => locate(ctx, 'f:3', '4')).toThrow('The derived qualifier from the function name does not match the specified qualifier.');
    expect(() => locate(ctx, 'arn:aws:lambda:eu-west-1:000000000000:function:f')).toThrow(
      "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
    );
    expect(() => locate(ctx, 'not a name')).toThrow('Function not found: arn:aws:lambda:us-east-1:000000000000:function:not a name');
  });
});
