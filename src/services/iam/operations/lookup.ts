// Finding IAM entities the way every operation needs them: a role by name (any case), a managed
// policy by ARN (AWS managed from the catalog, customer managed from the store), and how many
// roles have a policy attached.
import type { Doc } from '../../../store/store.js';
import { findAwsManagedPolicy, type AwsManagedPolicy } from '../aws-managed-policies.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { parsePolicyArn } from '../rules/policy-arn.js';
import { IAM_POLICY, IAM_ROLE, policyKey, roleKey, rolePrefix, type StoredPolicy, type StoredRole } from '../state.js';

export function requireRole(ctx: IamContext, roleName: string): Doc<StoredRole> {
  const doc = ctx.store.get<StoredRole>(IAM_ROLE, roleKey(ctx.accountId, roleName));
  if (!doc) throw IAM_ERRORS.noSuchRole(roleName);
  return doc;
}

export type FoundPolicy = { kind: 'aws'; policy: AwsManagedPolicy } | { kind: 'customer'; doc: Doc<StoredPolicy> };

/** The managed policy an ARN names, undefined when none; throws ValidationError when it is no ARN at all. */
export function findPolicy(ctx: IamContext, arn: string): FoundPolicy | undefined {
  if (!arn.startsWith('arn:')) throw IAM_ERRORS.invalidArn(arn);
  const parts = parsePolicyArn(arn);
  if (!parts) return undefined;
  if (parts.owner === 'aws') {
    const policy = findAwsManagedPolicy(arn);
    return policy ? { kind: 'aws', policy } : undefined;
  }
  if (parts.owner !== ctx.accountId) return undefined;
  const doc = ctx.store.get<StoredPolicy>(IAM_POLICY, policyKey(ctx.accountId, parts.name));
  return doc && doc.data.Arn === arn ? { kind: 'customer', doc } : undefined;
}

export function listRoles(ctx: IamContext): StoredRole[] {
  return ctx.store.list<StoredRole>(IAM_ROLE, rolePrefix(ctx.accountId)).map((d) => d.data);
}

export function attachmentCount(ctx: IamContext, arn: string): number {
  return listRoles(ctx).filter((r) => r.attachedPolicies.includes(arn)).length;
}
