// A role's policies: inline ones (PutRolePolicy/GetRolePolicy/DeleteRolePolicy/ListRolePolicies,
// stored in the role) and attached managed ones (Attach/Detach/ListAttachedRolePolicies).
import type {
  AttachRolePolicyRequest, DeleteRolePolicyRequest, DetachRolePolicyRequest, GetRolePolicyRequest, GetRolePolicyResponse,
  ListAttachedRolePoliciesRequest, ListAttachedRolePoliciesResponse, ListRolePoliciesRequest, ListRolePoliciesResponse, PutRolePolicyRequest,
} from '../../../aws/generated/iam.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { pageOf } from '../rules/paging.js';
import { parsePolicyArn } from '../rules/policy-arn.js';
import { encodePolicyDocument, policyProblem } from '../rules/policy-document.js';
import { findPolicy, requireRole } from './lookup.js';
import { updateStoredRole } from './roles.js';

/** The stored key of an inline policy: names are unique regardless of case. */
const inlineName = (policies: Record<string, string>, name: string) => Object.keys(policies).find((n) => n.toLowerCase() === name.toLowerCase());

export function putRolePolicy(ctx: IamContext, input: PutRolePolicyRequest): void {
  requireRole(ctx, input.RoleName);
  const problem = policyProblem(input.PolicyDocument, 'identity');
  if (problem) throw IAM_ERRORS.malformedPolicy(problem);
  updateStoredRole(ctx, input.RoleName, (role) => {
    const existing = inlineName(role.inlinePolicies, input.PolicyName);
    if (existing !== undefined) delete role.inlinePolicies[existing];
    role.inlinePolicies[input.PolicyName] = input.PolicyDocument;
    return role;
  });
}

export function getRolePolicy(ctx: IamContext, input: GetRolePolicyRequest): GetRolePolicyResponse {
  const role = requireRole(ctx, input.RoleName).data;
  const name = inlineName(role.inlinePolicies, input.PolicyName);
  if (name === undefined) throw IAM_ERRORS.noSuchRolePolicy(input.PolicyName);
  return { RoleName: role.RoleName, PolicyName: name, PolicyDocument: encodePolicyDocument(role.inlinePolicies[name]) };
}

export function deleteRolePolicy(ctx: IamContext, input: DeleteRolePolicyRequest): void {
  updateStoredRole(ctx, input.RoleName, (role) => {
    const name = inlineName(role.inlinePolicies, input.PolicyName);
    if (name === undefined) throw IAM_ERRORS.noSuchRolePolicy(input.PolicyName);
    delete role.inlinePolicies[name];
    return role;
  });
}

export function listRolePolicies(ctx: IamContext, input: ListRolePoliciesRequest): ListRolePoliciesResponse {
  const names = Object.keys(requireRole(ctx, input.RoleName).data.inlinePolicies).sort();
  const page = pageOf(names, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { PolicyNames: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function attachRolePolicy(ctx: IamContext, input: AttachRolePolicyRequest): void {
  ctx.store.transaction(() => {
    requireRole(ctx, input.RoleName);
    if (!findPolicy(ctx, input.PolicyArn)) throw IAM_ERRORS.notAttachable(input.PolicyArn);
    updateStoredRole(ctx, input.RoleName, (role) =>
      role.attachedPolicies.includes(input.PolicyArn) ? role : { ...role, attachedPolicies: [...role.attachedPolicies, input.PolicyArn] },
    );
  });
}

export function detachRolePolicy(ctx: IamContext, input: DetachRolePolicyRequest): void {
  ctx.store.transaction(() => {
    requireRole(ctx, input.RoleName);
    if (!input.PolicyArn.startsWith('arn:')) throw IAM_ERRORS.invalidArn(input.PolicyArn);
    updateStoredRole(ctx, input.RoleName, (role) => {
      if (!role.attachedPolicies.includes(input.PolicyArn)) throw IAM_ERRORS.policyNotFound(input.PolicyArn);
      return { ...role, attachedPolicies: role.attachedPolicies.filter((a) => a !== input.PolicyArn) };
    });
  });
}

export function listAttachedRolePolicies(ctx: IamContext, input: ListAttachedRolePoliciesRequest): ListAttachedRolePoliciesResponse {
  const role = requireRole(ctx, input.RoleName).data;
  const prefix = input.PathPrefix ?? '/';
  const attached = role.attachedPolicies
    .map((arn) => ({ arn, parts: parsePolicyArn(arn) }))
    .filter(({ parts }) => parts !== undefined && parts.path.startsWith(prefix))
    .map(({ arn, parts }) => ({ PolicyName: parts!.name, PolicyArn: arn }));
  const page = pageOf(attached, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
