// Role operations: create, read, list, update and delete roles, and the role's instance
// profiles (Kanaria has none). Trust policies are checked as IAM checks them and stored as sent.
import type {
  CreateRoleRequest, CreateRoleResponse, DeleteRoleRequest, GetRoleRequest, GetRoleResponse, ListInstanceProfilesForRoleRequest,
  ListInstanceProfilesForRoleResponse, ListRolesRequest, ListRolesResponse, UpdateAssumeRolePolicyRequest, UpdateRoleDescriptionRequest,
  UpdateRoleDescriptionResponse, UpdateRoleRequest, UpdateRoleResponse,
} from '../../../aws/generated/iam.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { ROLE_ID_PREFIX, uniqueId } from '../rules/ids.js';
import { pageOf } from '../rules/paging.js';
import { parsePolicyArn } from '../rules/policy-arn.js';
import { policyProblem } from '../rules/policy-document.js';
import { DUPLICATE_ROLE_TAG_KEYS, hasDuplicateKeys } from '../rules/tags.js';
import { IAM_ROLE, roleArn, roleKey, type StoredRole } from '../state.js';
import { findPolicy, listRoles, requireRole } from './lookup.js';
import { roleView } from './views.js';

function checkTrustPolicy(document: string): void {
  const problem = policyProblem(document, 'trust');
  if (problem) throw IAM_ERRORS.malformedPolicy(problem);
}

export function createRole(ctx: IamContext, input: CreateRoleRequest): CreateRoleResponse {
  checkTrustPolicy(input.AssumeRolePolicyDocument);
  const tags = input.Tags ?? [];
  if (hasDuplicateKeys(tags)) throw IAM_ERRORS.invalidInput(DUPLICATE_ROLE_TAG_KEYS);
  return ctx.store.transaction(() => {
    const boundary = input.PermissionsBoundary;
    if (boundary !== undefined) {
      if (!parsePolicyArn(boundary)) throw IAM_ERRORS.invalidInput(`ARN ${boundary} is not valid.`);
      if (!findPolicy(ctx, boundary)) throw IAM_ERRORS.noSuchBoundary(boundary);
    }
    const key = roleKey(ctx.accountId, input.RoleName);
    if (ctx.store.get(IAM_ROLE, key)) throw IAM_ERRORS.roleExists(input.RoleName);
    const path = input.Path ?? '/';
    const role: StoredRole = {
      RoleName: input.RoleName,
      RoleId: uniqueId(ROLE_ID_PREFIX, ctx.randomBytes),
      Arn: roleArn(ctx.accountId, path, input.RoleName),
      Path: path,
      CreateDate: new Date(ctx.now()).toISOString(),
      AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      Description: input.Description,
      MaxSessionDuration: input.MaxSessionDuration ?? 3600,
      PermissionsBoundary: input.PermissionsBoundary,
      Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
      attachedPolicies: [],
      inlinePolicies: {},
    };
    ctx.store.put(IAM_ROLE, key, role, 0);
    return { Role: roleView(role, 'create') };
  });
}

export function getRole(ctx: IamContext, input: GetRoleRequest): GetRoleResponse {
  return { Role: roleView(requireRole(ctx, input.RoleName).data, 'get') };
}

export function listRolesOperation(ctx: IamContext, input: ListRolesRequest): ListRolesResponse {
  const prefix = input.PathPrefix ?? '/';
  const roles = listRoles(ctx).filter((r) => r.Path.startsWith(prefix));
  const page = pageOf(roles, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { Roles: page.items.map((r) => roleView(r, 'list')), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** Reads, changes and writes one role in a transaction. */
export function updateStoredRole(ctx: IamContext, roleName: string, change: (role: StoredRole) => StoredRole): StoredRole {
  return ctx.store.transaction(() => {
    const doc = requireRole(ctx, roleName);
    const next = change(structuredClone(doc.data));
    ctx.store.put(IAM_ROLE, doc.id, next, doc.version);
    return next;
  });
}

export function updateRole(ctx: IamContext, input: UpdateRoleRequest): UpdateRoleResponse {
  updateStoredRole(ctx, input.RoleName, (role) => ({
    ...role,
    Description: input.Description ?? role.Description,
    MaxSessionDuration: input.MaxSessionDuration ?? role.MaxSessionDuration,
  }));
  return {};
}

export function updateRoleDescription(ctx: IamContext, input: UpdateRoleDescriptionRequest): UpdateRoleDescriptionResponse {
  const role = updateStoredRole(ctx, input.RoleName, (r) => ({ ...r, Description: input.Description }));
  return { Role: roleView(role, 'description') };
}

export function updateAssumeRolePolicy(ctx: IamContext, input: UpdateAssumeRolePolicyRequest): void {
  requireRole(ctx, input.RoleName);
  checkTrustPolicy(input.PolicyDocument);
  updateStoredRole(ctx, input.RoleName, (role) => ({ ...role, AssumeRolePolicyDocument: input.PolicyDocument }));
}

export function deleteRole(ctx: IamContext, input: DeleteRoleRequest): void {
  ctx.store.transaction(() => {
    const doc = requireRole(ctx, input.RoleName);
    if (doc.data.attachedPolicies.length > 0) throw IAM_ERRORS.mustDetachPolicies();
    if (Object.keys(doc.data.inlinePolicies).length > 0) throw IAM_ERRORS.mustDeletePolicies();
    ctx.store.delete(IAM_ROLE, doc.id);
  });
}

export function listInstanceProfilesForRole(ctx: IamContext, input: ListInstanceProfilesForRoleRequest): ListInstanceProfilesForRoleResponse {
  requireRole(ctx, input.RoleName);
  return { InstanceProfiles: [], IsTruncated: false };
}
