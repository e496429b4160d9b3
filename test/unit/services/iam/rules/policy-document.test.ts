// Policy document rules: which documents IAM refuses and why, and the percent-encoding it answers in.
import { describe, expect, it } from 'vitest';
import {
  encodePolicyDocument, IDENTITY_NEEDS_RESOURCE, IDENTITY_NO_PRINCIPAL, INVALID_JSON, policyProblem, SYNTAX_ERRORS, TRUST_ACTIONS_ONLY, TRUST_NO_RESOURCE,
} from '../../../../../src/services/iam/rules/policy-document.js';

const statement = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });

describe('policyProblem', () => {
  it('accepts the seed trust policy and the usual trust actions', () => {
    expect(policyProblem('{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}', 'trust')).toBeUndefined();
    for (const action of ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession', ['sts:AssumeRole', 'sts:SetSourceIdentity']]) {
      expect(policyProblem(statement({ Effect: 'Allow', Principal: { AWS: '*' }, Action: action }), 'trust')).toBeUndefined();
    }
  });

  it('refuses what is not JSON, or not a policy', () => {
    expect(policyProblem('{"Statement": [', 'trust')).toBe(INVALID_JSON);
    expect(policyProblem('', 'identity')).toBe(INVALID_JSON);
    expect(policyProblem('[]', 'identity')).toBe(SYNTAX_ERRORS);
    expect(policyProblem('{"Version":"2012-10-17"}', 'identity')).toBe(SYNTAX_ERRORS);
    expect(policyProblem('{"Statement":[]}', 'identity')).toBe(SYNTAX_ERRORS);
    expect(policyProblem(statement({ Effect: 'Maybe', Action: 's3:*', Resource: '*' }), 'identity')).toBe(SYNTAX_ERRORS);
  });

  it('refuses trust policies with other actions or a Resource', () => {
    expect(policyProblem(statement({ Effect: 'Allow', Principal: { Service: 'x' }, Action: 's3:GetObject' }), 'trust')).toBe(TRUST_ACTIONS_ONLY);
    expect(policyProblem(statement({ Effect: 'Allow', Principal: { Service: 'x' } }), 'trust')).toBe(TRUST_ACTIONS_ONLY);
    expect(policyProblem(statement({ Effect: 'Allow', Principal: { Service: 'x' }, Action: 'sts:AssumeRole', Resource: '*' }), 'trust')).toBe(TRUST_NO_RESOURCE);
  });

  it('refuses identity policies with a principal or without resources', () => {
    expect(policyProblem(statement({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), 'identity')).toBeUndefined();
    expect(policyProblem(JSON.stringify({ Statement: { Effect: 'Deny', NotAction: 's3:*', NotResource: 'arn:aws:s3:::b' } }), 'identity')).toBeUndefined();
    expect(policyProblem(statement({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }), 'identity')).toBe(IDENTITY_NO_PRINCIPAL);
    expect(policyProblem(statement({ Effect: 'Allow', Action: 's3:*' }), 'identity')).toBe(IDENTITY_NEEDS_RESOURCE);
  });
});

describe('encodePolicyDocument', () => {
  it('percent-encodes everything but RFC 3986 unreserved characters', () => {
    expect(encodePolicyDocument('{"Action":"*"}')).toBe('%7B%22Action%22%3A%22%2A%22%7D');
    expect(encodePolicyDocument("a-b_c.d~e f+g!'()\n")).toBe('a-b_c.d~e%20f%2Bg%21%27%28%29%0A');
    expect(encodePolicyDocument('ec2.amazonaws.com')).toBe('ec2.amazonaws.com');
  });

  it('decodes back to the exact text with decodeURIComponent (and Go-style query unescaping)', () => {
    const doc = '{\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"x": "a+b é"}}}]\n}';
    const encoded = encodePolicyDocument(doc);
    expect(decodeURIComponent(encoded)).toBe(doc);
    expect(decodeURIComponent(encoded.replace(/\+/g, ' '))).toBe(doc); // no literal '+' for a query unescaper to turn into a space
  });
});
