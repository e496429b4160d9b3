// How stored IAM entities are answered: each operation shows a role with the members AWS shows
// there (CreateRole omits MaxSessionDuration, RoleLastUsed and Description; ListRoles omits tags
// and RoleLastUsed), as recorded in localstack tests/aws/services/iam/test_iam_roles.snapshot.json.
import type { AttachedPermissionsBoundary, Policy, Role } from '../../../aws/generated/iam.js';
import { awsManagedPolicyArn, type AwsManagedPolicy } from '../aws-managed-policies.js';
import { encodePolicyDocument } from '../rules/policy-document.js';
import type { StoredPolicy, StoredRole } from '../state.js';

export type RoleView = 'create' | 'get' | 'list' | 'description';

const boundary = (arn: string | undefined): AttachedPermissionsBoundary | undefined =>
  arn ? { PermissionsBoundaryArn: arn, PermissionsBoundaryType: 'PermissionsBoundaryPolicy' } : undefined;

export function roleView(role: StoredRole, view: RoleView): Role {
  const out: Role = {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.AssumeRolePolicyDocument),
  };
  if (view !== 'create') out.Description = role.Description;
  if (view === 'get' || view === 'list') out.MaxSessionDuration = role.MaxSessionDuration;
  if (view !== 'list') out.PermissionsBoundary = boundary(role.PermissionsBoundary);
  if (view === 'get') out.RoleLastUsed = {};
  if (view !== 'list' && role.Tags.length > 0) out.Tags = role.Tags;
  return out;
}

/** A customer managed policy; GetPolicy adds Description and Tags (empty list included). */
export function customerPolicyView(policy: StoredPolicy, attachmentCount: number, detailed: boolean): Policy {
  return {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: policy.Arn,
    Path: policy.Path,
    DefaultVersionId: policy.DefaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: detailed ? policy.Description : undefined,
    CreateDate: policy.CreateDate,
    UpdateDate: policy.UpdateDate,
    Tags: detailed ? policy.Tags : policy.Tags.length > 0 ? policy.Tags : undefined,
  };
}

export function awsPolicyView(policy: AwsManagedPolicy, attachmentCount: number, detailed: boolean): Policy {
  return {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: awsManagedPolicyArn(policy),
    Path: policy.Path,
    DefaultVersionId: policy.DefaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: detailed ? policy.Description : undefined,
    CreateDate: policy.CreateDate,
    UpdateDate: policy.UpdateDate,
  };
}
