// Managed policies: customer policies (CreatePolicy/DeletePolicy, version v1 on creation) and
// the AWS managed catalog, both read through GetPolicy, ListPolicies, GetPolicyVersion and
// ListPolicyVersions. Documents are answered URL-encoded, as IAM does.
import type {
  CreatePolicyRequest, CreatePolicyResponse, DeletePolicyRequest, GetPolicyRequest, GetPolicyResponse, GetPolicyVersionRequest,
  GetPolicyVersionResponse, ListPoliciesRequest, ListPoliciesResponse, ListPolicyVersionsRequest, ListPolicyVersionsResponse, Policy,
} from '../../../aws/generated/iam.js';
import { AwsError } from '../../../aws/errors.js';
import { AWS_MANAGED_POLICIES, awsManagedPolicyArn } from '../aws-managed-policies.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { POLICY_ID_PREFIX, uniqueId } from '../rules/ids.js';
import { pageOf } from '../rules/paging.js';
import { encodePolicyDocument, policyProblem } from '../rules/policy-document.js';
import { IAM_POLICY, policyArn, policyKey, policyPrefix, type StoredPolicy } from '../state.js';
import { attachmentCount, findPolicy, listRoles, type FoundPolicy } from './lookup.js';
import { awsPolicyView, customerPolicyView } from './views.js';

export function createPolicy(ctx: IamContext, input: CreatePolicyRequest): CreatePolicyResponse {
  const problem = policyProblem(input.PolicyDocument, 'identity');
  if (problem) throw IAM_ERRORS.malformedPolicy(problem);
  const tags = input.Tags ?? [];
  if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw IAM_ERRORS.invalidInput('Duplicate tag keys found.');
  return ctx.store.transaction(() => {
    const key = policyKey(ctx.accountId, input.PolicyName);
    if (ctx.store.get(IAM_POLICY, key)) throw IAM_ERRORS.policyExists(input.PolicyName);
    const path = input.Path ?? '/';
    const now = new Date(ctx.now()).toISOString();
    const policy: StoredPolicy = {
      PolicyName: input.PolicyName,
      PolicyId: uniqueId(POLICY_ID_PREFIX, ctx.randomBytes),
      Arn: policyArn(ctx.accountId, path, input.PolicyName),
      Path: path,
      Description: input.Description,
      CreateDate: now,
      UpdateDate: now,
      DefaultVersionId: 'v1',
      Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
      versions: [{ VersionId: 'v1', Document: input.PolicyDocument, CreateDate: now }],
    };
    ctx.store.put(IAM_POLICY, key, policy, 0);
    return { Policy: { ...customerPolicyView(policy, 0, false), Description: undefined } };
  });
}

function requirePolicy(ctx: IamContext, arn: string): FoundPolicy {
  const found = findPolicy(ctx, arn);
  if (!found) throw IAM_ERRORS.policyNotFound(arn);
  return found;
}

const policyView = (ctx: IamContext, found: FoundPolicy, detailed: boolean): Policy =>
  found.kind === 'aws'
    ? awsPolicyView(found.policy, attachmentCount(ctx, awsManagedPolicyArn(found.policy)), detailed)
    : customerPolicyView(found.doc.data, attachmentCount(ctx, found.doc.data.Arn), detailed);

export function getPolicy(ctx: IamContext, input: GetPolicyRequest): GetPolicyResponse {
  return { Policy: policyView(ctx, requirePolicy(ctx, input.PolicyArn), true) };
}

export function deletePolicy(ctx: IamContext, input: DeletePolicyRequest): void {
  ctx.store.transaction(() => {
    const found = requirePolicy(ctx, input.PolicyArn);
    if (found.kind === 'aws') {
      throw new AwsError('AccessDenied', `User: arn:aws:iam::${ctx.accountId}:root is not authorized to perform: iam:DeletePolicy on resource: policy ${input.PolicyArn}`, { status: 403 });
    }
    if (listRoles(ctx).some((r) => r.attachedPolicies.includes(input.PolicyArn))) throw IAM_ERRORS.policyAttached();
    ctx.store.delete(IAM_POLICY, found.doc.id);
  });
}

export function listPolicies(ctx: IamContext, input: ListPoliciesRequest): ListPoliciesResponse {
  const scope = input.Scope ?? 'All';
  const found: FoundPolicy[] = [
    ...(scope === 'Local' ? [] : AWS_MANAGED_POLICIES.map((policy): FoundPolicy => ({ kind: 'aws', policy }))),
    ...(scope === 'AWS' ? [] : ctx.store.list<StoredPolicy>(IAM_POLICY, policyPrefix(ctx.accountId)).map((doc): FoundPolicy => ({ kind: 'customer', doc }))),
  ];
  const prefix = input.PathPrefix ?? '/';
  const policies = found
    .map((f) => policyView(ctx, f, false))
    .filter((p) => p.Path!.startsWith(prefix) && (!input.OnlyAttached || (p.AttachmentCount ?? 0) > 0))
    .sort((a, b) => (a.PolicyName! < b.PolicyName! ? -1 : a.PolicyName! > b.PolicyName! ? 1 : 0));
  const page = pageOf(policies, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { Policies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** Every version of a policy, newest first. AWS managed policies show their default version. */
function versionsOf(found: FoundPolicy) {
  if (found.kind === 'customer') return found.doc.data.versions.map((v) => ({ ...v, IsDefaultVersion: v.VersionId === found.doc.data.DefaultVersionId }));
  const p = found.policy;
  return [{ VersionId: p.DefaultVersionId, Document: p.Document, CreateDate: p.UpdateDate, IsDefaultVersion: true }];
}

export function getPolicyVersion(ctx: IamContext, input: GetPolicyVersionRequest): GetPolicyVersionResponse {
  const found = findPolicy(ctx, input.PolicyArn);
  const version = found && versionsOf(found).find((v) => v.VersionId === input.VersionId);
  if (!version) throw IAM_ERRORS.noSuchPolicyVersion(input.PolicyArn, input.VersionId);
  return { PolicyVersion: { ...version, Document: encodePolicyDocument(version.Document) } };
}

export function listPolicyVersions(ctx: IamContext, input: ListPolicyVersionsRequest): ListPolicyVersionsResponse {
  const versions = versionsOf(requirePolicy(ctx, input.PolicyArn)).map(({ VersionId, CreateDate, IsDefaultVersion }) => ({ VersionId, CreateDate, IsDefaultVersion }));
  const page = pageOf(versions, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { Versions: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
