// Every IAM error a caller can cause, with AWS's code, status and text (recorded against AWS in
// localstack tests/aws/services/iam/test_iam_roles.snapshot.json and test_iam_policies.snapshot.json),
// and the state read back afterwards to show the failed call changed nothing.
import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, DeletePolicyCommand, DeleteRoleCommand, DeleteRolePolicyCommand,
  DetachRolePolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand, ListRoleTagsCommand, PutRolePolicyCommand, TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { BASIC_EXECUTION_ARN, failure, SEED_TRUST_POLICY } from './helpers.js';

const S3_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}]}';

describe('IAM errors', () => {
  const k = useKanaria({ accountId: '123456789012' });
  let iam: IAMClient;
  beforeAll(async () => {
    iam = new IAMClient(k.clientConfig);
    await iam.send(new CreateRoleCommand({ RoleName: 'existing', AssumeRolePolicyDocument: SEED_TRUST_POLICY, Description: 'keep me' }));
  });
  const roleState = async () => (await iam.send(new GetRoleCommand({ RoleName: 'existing' }))).Role;
  const roleNames = async () => (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName);

  it('NoSuchEntity for a role that does not exist, from every role operation', async () => {
    const expected = { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role with name ghost cannot be found.' };
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: 'ghost' })))).toEqual(expected);
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'ghost' })))).toEqual(expected);
    expect(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: BASIC_EXECUTION_ARN })))).toEqual(expected);
    expect(await failure(iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'ghost' })))).toEqual(expected);
    expect(await failure(iam.send(new PutRolePolicyCommand({ RoleName: 'ghost', PolicyName: 'p', PolicyDocument: S3_POLICY })))).toEqual(expected);
    expect(await failure(iam.send(new TagRoleCommand({ RoleName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })))).toEqual(expected);
    expect(await roleNames()).toEqual(['existing']);
  });

  it('NoSuchEntity for a user name: Kanaria has only the root user', async () => {
    expect(await failure(iam.send(new GetUserCommand({ UserName: 'bob' })))).toEqual({
      name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The user with name bob cannot be found.',
    });
  });

  it('EntityAlreadyExists for a second role of the same name, in any case, and the first is untouched', async () => {
    const first = await roleState();
    for (const name of ['existing', 'EXISTING']) {
      expect(await failure(iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' })))).toEqual({
        name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `Role with name ${name} already exists.`,
      });
    }
    expect(await roleState()).toEqual(first);
  });

  it('NoSuchEntity for a managed policy that does not exist, and nothing is attached', async () => {
    const arn = 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere';
    expect(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'existing', PolicyArn: arn })))).toEqual({
      name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Policy ${arn} does not exist or is not attachable.`,
    });
    expect(await failure(iam.send(new AttachRolePolicyCommand({ RoleName: 'existing', PolicyArn: 'longpolicynamebutnoarn' })))).toEqual({
      name: 'ValidationError', code: 'ValidationError', status: 400, message: 'ARN longpolicynamebutnoarn is not valid.',
    });
    expect(await failure(iam.send(new DetachRolePolicyCommand({ RoleName: 'existing', PolicyArn: BASIC_EXECUTION_ARN })))).toEqual({
      name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Policy ${BASIC_EXECUTION_ARN} was not found.`,
    });
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'existing' }))).AttachedPolicies).toEqual([]);
  });

  it('MalformedPolicyDocument for trust and identity policies IAM refuses, and the stored ones stay', async () => {
    const before = await roleState();
    const malformed = (message: string) => ({ name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400, message });
    expect(await failure(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{"Version": "2012-10-17", "Statement": [' })))).toEqual(malformed('This policy contains invalid Json'));
    expect(await failure(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'existing', PolicyDocument: 'not json' })))).toEqual(malformed('This policy contains invalid Json'));
    const withAction = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"s3:GetObject"}]}';
    expect(await failure(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'existing', PolicyDocument: withAction })))).toEqual(malformed('AssumeRole policy may only specify STS AssumeRole actions.'));
    const withResource = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}';
    expect(await failure(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'existing', PolicyDocument: withResource })))).toEqual(malformed('Has prohibited field Resource'));
    expect(await failure(iam.send(new PutRolePolicyCommand({ RoleName: 'existing', PolicyName: 'p', PolicyDocument: '{]' })))).toEqual(malformed('This policy contains invalid Json'));
    expect(await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}' })))).toEqual(malformed('Policy statement must contain resources.'));
    expect(await roleState()).toEqual(before);
    expect(await roleNames()).toEqual(['existing']);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'existing' }))).PolicyNames).toEqual([]);
  });

  it('DeleteConflict while managed or inline policies remain, and the role stays', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'busy', AssumeRolePolicyDocument: SEED_TRUST_POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'busy', PolicyArn: BASIC_EXECUTION_ARN }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline', PolicyDocument: S3_POLICY }));
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'busy' })))).toEqual({
      name: 'DeleteConflictException', code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'busy', PolicyArn: BASIC_EXECUTION_ARN }));
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: 'busy' })))).toEqual({
      name: 'DeleteConflictException', code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must delete policies first.',
    });
    expect((await iam.send(new GetRoleCommand({ RoleName: 'busy' }))).Role?.RoleName).toBe('busy');
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'busy' }))).PolicyNames).toEqual(['inline']);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'busy' }));
    expect(await roleNames()).toEqual(['existing']);
  });

  it('NoSuchEntity for an inline policy that does not exist', async () => {
    const expected = { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role policy with name nope cannot be found.' };
    expect(await failure(iam.send(new GetRolePolicyCommand({ RoleName: 'existing', PolicyName: 'nope' })))).toEqual(expected);
    expect(await failure(iam.send(new DeleteRolePolicyCommand({ RoleName: 'existing', PolicyName: 'nope' })))).toEqual(expected);
  });

  it('customer policies: duplicate names, unknown ARNs and versions, deleting while attached', async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: S3_POLICY }));
    expect(await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: S3_POLICY })))).toEqual({
      name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: 'A policy called mine already exists. Duplicate names are not allowed.',
    });
    const missing = 'arn:aws:iam::123456789012:policy/missing';
    expect(await failure(iam.send(new GetPolicyCommand({ PolicyArn: missing })))).toEqual({ name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Policy ${missing} was not found.` });
    expect(await failure(iam.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v9' })))).toEqual({
      name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Policy ${Policy!.Arn} version v9 does not exist or is not attachable.`,
    });
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'existing', PolicyArn: Policy!.Arn }));
    expect(await failure(iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })))).toEqual({
      name: 'DeleteConflictException', code: 'DeleteConflict', status: 409, message: 'Cannot delete a policy attached to entities.',
    });
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy?.AttachmentCount).toBe(1);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'existing', PolicyArn: Policy!.Arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }));
    expect((await failure(iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn })))).code).toBe('NoSuchEntity');
  });

  it('InvalidInput for duplicate tag keys in any case, and ValidationError from the model, tags unchanged', async () => {
    await iam.send(new TagRoleCommand({ RoleName: 'existing', Tags: [{ Key: 'team', Value: 'a' }] }));
    expect(await failure(iam.send(new TagRoleCommand({ RoleName: 'existing', Tags: [{ Key: 'k', Value: '1' }, { Key: 'K', Value: '2' }] })))).toEqual({
      name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
    const invalid = await failure(iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: SEED_TRUST_POLICY })));
    expect(invalid).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(invalid.message).toMatch(/^1 validation error detected: .*'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w\+=,\.@-\]\+$/);
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'existing' }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    expect(await roleNames()).toEqual(['existing']);
  });
});
