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

interface PolicyFacts {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
}

/** A managed policy as GetPolicy (detailed: with Description) and ListPolicies show it. */
function policyView(p: PolicyFacts, attachmentCount: number, detailed: boolean): Policy {
  const { PolicyName, PolicyId, Arn, Path, DefaultVersionId, CreateDate, UpdateDate } = p;
  const Description = detailed ? p.Description : undefined;
  return { PolicyName, PolicyId, Arn, Path, DefaultVersionId, AttachmentCount: attachmentCount, PermissionsBoundaryUsageCount: 0, IsAttachable: true, Description, CreateDate, UpdateDate };
}

/** A customer managed policy; GetPolicy adds Description and Tags (an empty list included). */
export function customerPolicyView(policy: StoredPolicy, attachmentCount: number, detailed: boolean): Policy {
  return { ...policyView(policy, attachmentCount, detailed), Tags: detailed ? policy.Tags : policy.Tags.length > 0 ? policy.Tags : undefined };
}

export function awsPolicyView(policy: AwsManagedPolicy, attachmentCount: number, detailed: boolean): Policy {
  return policyView({ ...policy, Arn: awsManagedPolicyArn(policy) }, attachmentCount, detailed);
}
