// The IAM calls Terraform's aws_iam_role and aws_iam_role_policy_attachment make for the seed
// scenario, in order (../shared/reference/terraform-seed-operations.md), asserting the fields the
// provider reads: the account id from GetUser's ARN, the role's ARN/id/path/dates, the trust
// policy it decodes and compares with what it sent, and the attachment it lists.
import {
  AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DetachRolePolicyCommand, GetRoleCommand, GetUserCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListInstanceProfilesForRoleCommand, ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { BASIC_EXECUTION_ARN, failure, SEED_TRUST_POLICY } from './helpers.js';

describe('IAM: the seed scenario as Terraform calls it', () => {
  const k = useKanaria({ accountId: '123456789012' });

  it('configures the provider: GetUser answers the root ARN the account id is read from, then STS agrees', async () => {
    const iam = new IAMClient(k.clientConfig);
    const { User } = await iam.send(new GetUserCommand({}));
    expect(User?.Arn).toBe('arn:aws:iam::123456789012:root');
    expect(User?.UserId).toBe('123456789012');
    expect(User?.CreateDate).toBeInstanceOf(Date);
    const again = await iam.send(new GetUserCommand({}));
    expect(again.User?.CreateDate?.getTime()).toBe(User?.CreateDate?.getTime());
    const sts = await new STSClient(k.clientConfig).send(new GetCallerIdentityCommand({}));
    expect(User?.Arn?.split(':')[4]).toBe(sts.Account);
  });

  it('applies, plans and destroys the role and its AWSLambdaBasicExecutionRole attachment', async () => {
    const iam = new IAMClient(k.clientConfig);
    const before = Date.now();
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'LambdaExecutionRole', AssumeRolePolicyDocument: SEED_TRUST_POLICY, Description: '' }));
    const role = created.Role!;
    expect(role.Arn).toBe('arn:aws:iam::123456789012:role/LambdaExecutionRole');
    expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(role.Path).toBe('/');
    expect(role.CreateDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(role.MaxSessionDuration).toBeUndefined(); // CreateRole does not show it; GetRole does

    // Terraform's read after create: GetRole, then the role's inline and attached policies.
    const read = (await iam.send(new GetRoleCommand({ RoleName: 'LambdaExecutionRole' }))).Role!;
    expect(read.RoleId).toBe(role.RoleId);
    expect(read.MaxSessionDuration).toBe(3600);
    expect(read.RoleLastUsed).toEqual({});
    expect(read.AssumeRolePolicyDocument).toMatch(/^%7B%22Statement%22%3A/);
    expect(JSON.parse(decodeURIComponent(read.AssumeRolePolicyDocument!))).toEqual(JSON.parse(SEED_TRUST_POLICY));
    expect(decodeURIComponent(read.AssumeRolePolicyDocument!)).toBe(SEED_TRUST_POLICY);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'LambdaExecutionRole' }))).PolicyNames).toEqual([]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'LambdaExecutionRole' }))).AttachedPolicies).toEqual([]);

    await iam.send(new AttachRolePolicyCommand({ RoleName: 'LambdaExecutionRole', PolicyArn: BASIC_EXECUTION_ARN }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'LambdaExecutionRole' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC_EXECUTION_ARN }]);
    expect(attached.IsTruncated).toBe(false);

    // A second plan reads the same role back unchanged.
    const replan = (await iam.send(new GetRoleCommand({ RoleName: 'LambdaExecutionRole' }))).Role!;
    expect(replan).toEqual(read);

    // Destroy: detach, then the role's instance profiles, then the role.
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'LambdaExecutionRole', PolicyArn: BASIC_EXECUTION_ARN }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'LambdaExecutionRole' }))).AttachedPolicies).toEqual([]);
    const profiles = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'LambdaExecutionRole' }));
    expect(profiles.InstanceProfiles).toEqual([]);
    await iam.send(new DeleteRoleCommand({ RoleName: 'LambdaExecutionRole' }));
    const gone = await failure(iam.send(new GetRoleCommand({ RoleName: 'LambdaExecutionRole' })));
    expect(gone).toEqual({ name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role with name LambdaExecutionRole cannot be found.' });
  });

  it('answers the trust policy percent-encoded in the raw XML, byte for byte what was sent', async () => {
    const iam = new IAMClient(k.clientConfig);
    const doc = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]\n}';
    await iam.send(new CreateRoleCommand({ RoleName: 'encoded', AssumeRolePolicyDocument: doc }));
    const res = await fetch(k.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x' },
      body: 'Action=GetRole&Version=2010-05-08&RoleName=encoded',
    });
    const xml = await res.text();
    const encoded = /<AssumeRolePolicyDocument>([^<]*)<\/AssumeRolePolicyDocument>/.exec(xml)![1];
    expect(encoded).toContain('%0A%20%20%22Version%22%3A%20%222012-10-17%22');
    expect(encoded).toContain('%22%2A%22'); // `*` is percent-encoded too
    expect(decodeURIComponent(encoded)).toBe(doc);
  });
});
