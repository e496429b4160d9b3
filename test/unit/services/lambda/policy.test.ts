// Resource-policy rules: the statement AddPermission builds (as GetPolicy shows it on AWS) and
// whether API Gateway, calling from an execute-api ARN, may invoke (ArnLike per ARN component).
import { describe, expect, test } from 'vitest';
import { allowsInvoke, arnLike, buildStatement, globMatch, policyDocument } from '../../../../src/services/lambda/rules/policy.js';

const FN = 'arn:aws:lambda:us-east-1:000000000000:function:version1_lambda';
const API = 'arn:aws:execute-api:us-east-1:000000000000:9gjzzccycy';
const apigw = (sourceArn: string) => ({ principal: 'apigateway.amazonaws.com', sourceArn });

describe('AddPermission statements', () => {
  test('the Terraform seed permission becomes AWS\'s statement shape', () => {
    const s = buildStatement(
      { FunctionName: 'version1_lambda', StatementId: 'AllowAPIGatewayInvoke', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `${API}/*` },
      FN,
    );
    expect(JSON.parse(policyDocument([s]))).toEqual({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: 'AllowAPIGatewayInvoke',
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FN,
          Condition: { ArnLike: { 'AWS:SourceArn': `${API}/*` } },
        },
      ],
    });
  });

  test('account principals, source accounts and no condition', () => {
    const account = buildStatement({ FunctionName: 'f', StatementId: 'a', Action: 'lambda:*', Principal: '123456789012', SourceAccount: '123456789012' }, FN);
    expect(account.Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
    expect(account.Condition).toEqual({ StringEquals: { 'AWS:SourceAccount': '123456789012' } });
    const open = buildStatement({ FunctionName: 'f', StatementId: 'b', Action: 'lambda:InvokeFunction', Principal: '*' }, FN);
    expect(open.Principal).toBe('*');
    expect(open.Condition).toBeUndefined();
  });
});

describe('ArnLike', () => {
  test.each([
    [`${API}/*`, `${API}/dev/GET/`, true],
    [`${API}/*`, `${API}/dev/POST/pets/1`, true],
    [`${API}/*/GET/*`, `${API}/dev/GET/pets`, true],
    [`${API}/*/GET/*`, `${API}/dev/POST/pets`, false],
    [`${API}/dev/GET/`, `${API}/dev/GET/`, true],
    [`${API}/*`, 'arn:aws:execute-api:us-east-1:000000000000:otherapi1/dev/GET/', false],
    ['arn:aws:execute-api:us-east-1:*:9gjzzccycy/*', `${API}/dev/GET/`, true],
    ['arn:aws:execute-api:*:000000000000:9gjzzccycy/?ev/*', `${API}/dev/GET/`, true],
    ['arn:aws:execute-api:us-east-1:000000000000:*', `${API}/dev/GET/`, true],
    [`${API}/*`, 'not-an-arn', false],
  ])('%s ~ %s → %s', (pattern, arn, expected) => {
    expect(arnLike(pattern, arn)).toBe(expected);
  });

  test('a wildcard does not cross ARN components', () => {
    expect(arnLike('arn:aws:execute-api:*', `${API}/dev/GET/`)).toBe(false);
    expect(globMatch('a*c', 'abbbc')).toBe(true);
    expect(globMatch('a.c', 'abc')).toBe(false);
  });
});

describe('who may invoke', () => {
  const seed = buildStatement(
    { FunctionName: 'f', StatementId: 'AllowAPIGatewayInvoke', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceArn: `${API}/*` },
    FN,
  );

  test('API Gateway with a matching SourceArn pattern is allowed', () => {
    expect(allowsInvoke([seed], apigw(`${API}/dev/GET/`))).toBe(true);
  });

  test('no statement, another API, another principal or another action is denied', () => {
    expect(allowsInvoke([], apigw(`${API}/dev/GET/`))).toBe(false);
    expect(allowsInvoke([seed], apigw('arn:aws:execute-api:us-east-1:000000000000:zzzzzzzzzz/dev/GET/'))).toBe(false);
    expect(allowsInvoke([seed], { principal: 'events.amazonaws.com', sourceArn: `${API}/dev/GET/` })).toBe(false);
    const other = buildStatement({ FunctionName: 'f', StatementId: 'x', Action: 'lambda:GetFunction', Principal: 'apigateway.amazonaws.com' }, FN);
    expect(allowsInvoke([other], apigw(`${API}/dev/GET/`))).toBe(false);
  });

  test('lambda:* and "*" actions, a "*" principal, a statement without SourceArn, SourceAccount', () => {
    const star = buildStatement({ FunctionName: 'f', StatementId: 'x', Action: 'lambda:*', Principal: 'apigateway.amazonaws.com' }, FN);
    expect(allowsInvoke([star], apigw(`${API}/dev/GET/`))).toBe(true);
    const anyone = buildStatement({ FunctionName: 'f', StatementId: 'y', Action: '*', Principal: '*' }, FN);
    expect(allowsInvoke([anyone], apigw(`${API}/dev/GET/`))).toBe(true);
    const account = buildStatement(
      { FunctionName: 'f', StatementId: 'z', Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com', SourceAccount: '111111111111' },
      FN,
    );
    expect(allowsInvoke([account], apigw(`${API}/dev/GET/`))).toBe(false);
    expect(allowsInvoke([account], apigw('arn:aws:execute-api:us-east-1:111111111111:abc/dev/GET/'))).toBe(true);
  });

  test('an explicit Deny wins', () => {
    expect(allowsInvoke([seed, { ...seed, Sid: 'deny', Effect: 'Deny' }], apigw(`${API}/dev/GET/`))).toBe(false);
  });
});
