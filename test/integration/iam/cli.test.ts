// The AWS CLI against IAM: get-user for the account, and a role whose trust policy the CLI
// URL-decodes and parses (botocore does this for IAM documents), proving the encoding is AWS's.
import { describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli } from '../../helpers/aws-cli.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';
import { SEED_TRUST_POLICY } from './helpers.js';

describe('IAM through the AWS CLI', () => {
  const k = useKanaria({ accountId: '123456789012' });

  it('aws iam get-user answers the root user of the account', async () => {
    if (!hasTool(AWS_CLI)) return announceSkip('iam: aws iam get-user', 'the AWS CLI (aws)');
    const out = await awsCli(k.url, ['iam', 'get-user']);
    expect(out.stderr).toBe('');
    expect(out.json.User.Arn).toBe('arn:aws:iam::123456789012:root');
    expect(out.json.User.UserId).toBe('123456789012');
  });

  it('aws iam create-role / get-role / list-attached-role-policies', async () => {
    if (!hasTool(AWS_CLI)) return announceSkip('iam: aws iam create-role/get-role', 'the AWS CLI (aws)');
    const created = await awsCli(k.url, ['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', SEED_TRUST_POLICY]);
    expect(created.code).toBe(0);
    const got = await awsCli(k.url, ['iam', 'get-role', '--role-name', 'cli-role']);
    expect(got.json.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(SEED_TRUST_POLICY));
    expect(got.json.Role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    const attach = await awsCli(k.url, ['iam', 'attach-role-policy', '--role-name', 'cli-role', '--policy-arn', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(attach.code).toBe(0);
    const listed = await awsCli(k.url, ['iam', 'list-attached-role-policies', '--role-name', 'cli-role']);
    expect(listed.json.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }]);
    const missing = await awsCli(k.url, ['iam', 'get-role', '--role-name', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name nope cannot be found.');
  });
});
