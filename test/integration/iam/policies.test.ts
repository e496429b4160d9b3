// Managed and inline policies through the SDK: the AWS managed catalog with its real paths,
// customer policies and their versions, inline policy round trips, role tags, and paging.
import {
  CreatePolicyCommand, CreateRoleCommand, GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient,
  ListPoliciesCommand, ListPolicyVersionsCommand, ListRolePoliciesCommand, ListRolesCommand, ListRoleTagsCommand, PutRolePolicyCommand,
  TagRoleCommand, UntagRoleCommand, UpdateRoleCommand, UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { BASIC_EXECUTION_ARN, SEED_TRUST_POLICY } from './helpers.js';

const MUST_EXIST = [
  'service-role/AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaVPCAccessExecutionRole', 'service-role/AWSLambdaRole', 'AWSLambdaExecute',
  'service-role/AWSLambdaDynamoDBExecutionRole', 'service-role/AmazonAPIGatewayPushToCloudWatchLogs', 'AdministratorAccess', 'ReadOnlyAccess',
  'PowerUserAccess', 'CloudWatchLogsFullAccess', 'AmazonAPIGatewayAdministrator', 'AmazonAPIGatewayInvokeFullAccess', 'AWSLambda_FullAccess',
];

describe('IAM policies', () => {
  const k = useKanaria({ accountId: '123456789012' });
  let iam: IAMClient;
  beforeAll(() => {
    iam = new IAMClient(k.clientConfig);
  });

  it.each(MUST_EXIST)('GetPolicy finds the AWS managed policy %s at its real path', async (name) => {
    const arn = `arn:aws:iam::aws:policy/${name}`;
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(Policy?.Arn).toBe(arn);
    expect(Policy?.PolicyName).toBe(name.split('/').pop());
    expect(Policy?.Path).toBe(name.includes('/') ? '/service-role/' : '/');
    expect(Policy?.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    expect(Policy?.IsAttachable).toBe(true);
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy!.DefaultVersionId }));
    expect(PolicyVersion?.IsDefaultVersion).toBe(true);
    expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!)).Version).toBe('2012-10-17');
  });

  it('AWSLambdaBasicExecutionRole grants exactly the three log-writing actions', async () => {
    const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: BASIC_EXECUTION_ARN, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(PolicyVersion!.Document!)).Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    ]);
  });

  it('ListPolicies pages through the catalog and filters by scope and path', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 5, Marker: marker }));
      expect(page.Policies!.length).toBeLessThanOrEqual(5);
      names.push(...page.Policies!.map((p) => p.PolicyName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    for (const name of MUST_EXIST) expect(names).toContain(name.split('/').pop());
    expect(new Set(names).size).toBe(names.length);
    const serviceRoles = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', PathPrefix: '/service-role/' }));
    expect(serviceRoles.Policies!.every((p) => p.Path === '/service-role/')).toBe(true);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
  });

  it('customer policies: created at v1, read back with tags, listed in Local scope', async () => {
    const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'reader', Path: '/team/', PolicyDocument: doc, Description: 'reads', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(created.Policy).toMatchObject({ Arn: 'arn:aws:iam::123456789012:policy/team/reader', DefaultVersionId: 'v1', AttachmentCount: 0, Path: '/team/' });
    expect(created.Policy?.Description).toBeUndefined();
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: created.Policy!.Arn }));
    expect(got.Policy).toMatchObject({ Description: 'reads', Tags: [{ Key: 'k', Value: 'v' }] });
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: created.Policy!.Arn }));
    expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v1', true]]);
    const v1 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn, VersionId: 'v1' }));
    expect(decodeURIComponent(v1.PolicyVersion!.Document!)).toBe(doc);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!.map((p) => p.PolicyName)).toEqual(['reader']);
  });

  it('inline policies round-trip, replace by name in any case, and list sorted', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'inline', AssumeRolePolicyDocument: SEED_TRUST_POLICY }));
    const docA = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::a"}}';
    const docB = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}';
    await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'zeta', PolicyDocument: docA }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'alpha', PolicyDocument: docA }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'ALPHA', PolicyDocument: docB }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'inline' }))).PolicyNames).toEqual(['ALPHA', 'zeta']);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'inline', PolicyName: 'alpha' }));
    expect(got.PolicyName).toBe('ALPHA');
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(docB);
  });

  it('role updates, tags and ListRoles paging with PathPrefix', async () => {
    for (const i of [1, 2, 3]) await iam.send(new CreateRoleCommand({ RoleName: `paged-${i}`, Path: '/paged/', AssumeRolePolicyDocument: SEED_TRUST_POLICY, Tags: [{ Key: 'n', Value: String(i) }] }));
    await iam.send(new UpdateRoleCommand({ RoleName: 'paged-1', MaxSessionDuration: 7200, Description: 'one' }));
    const described = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'paged-2', Description: 'two' }));
    expect(described.Role).toMatchObject({ RoleName: 'paged-2', Description: 'two' });
    const first = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    expect(first.Roles!.map((r) => r.RoleName)).toEqual(['paged-1', 'paged-2']);
    expect(first.Roles![0]).toMatchObject({ MaxSessionDuration: 7200, Description: 'one', Arn: 'arn:aws:iam::123456789012:role/paged/paged-1' });
    expect(first.Roles![0].Tags).toBeUndefined();
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles!.map((r) => r.RoleName)).toEqual(['paged-3']);
    expect(second.IsTruncated).toBe(false);

    await iam.send(new TagRoleCommand({ RoleName: 'paged-3', Tags: [{ Key: 'N', Value: 'three' }, { Key: 'extra', Value: '' }] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: 'paged-3' }))).Tags).toEqual([{ Key: 'n', Value: 'three' }, { Key: 'extra', Value: '' }]);
    await iam.send(new UntagRoleCommand({ RoleName: 'paged-3', TagKeys: ['N'] }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'paged-3' }))).Role?.Tags).toEqual([{ Key: 'extra', Value: '' }]);
  });
});
