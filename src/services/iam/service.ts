// The IAM service definition: every implemented operation, bound to the store and clock.
// Operations not listed answer the wire layer's NotImplemented error (see README.md).
import { randomBytes } from 'node:crypto';
import type { Operations } from '../../aws/generated/iam.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, OpContext, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Store } from '../../store/store.js';
import type { IamContext, IamOperation } from './context.js';
import { attachRolePolicy, deleteRolePolicy, detachRolePolicy, getRolePolicy, listAttachedRolePolicies, listRolePolicies, putRolePolicy } from './operations/role-policies.js';
import { listRoleTags, tagRole, untagRole } from './operations/role-tags.js';
import {
  createRole, deleteRole, getRole, listInstanceProfilesForRole, listRolesOperation, updateAssumeRolePolicy, updateRole, updateRoleDescription,
} from './operations/roles.js';
import { createPolicy, deletePolicy, getPolicy, getPolicyVersion, listPolicies, listPolicyVersions } from './operations/policies.js';
import { getUser } from './operations/users.js';

export interface IamDeps {
  store: Store;
  now?: () => number;
  randomBytes?: (size: number) => Buffer;
}

export function createIamService(deps: IamDeps): ServiceDefinition {
  const bind =
    <I, O>(op: IamOperation<I, O>) =>
    (ctx: OpContext, input: I): O =>
      op({ ...ctx, store: deps.store, now: deps.now ?? Date.now, randomBytes: deps.randomBytes ?? randomBytes } satisfies IamContext, input);

  const operations: Handlers<Operations> = {
    GetUser: bind(getUser),
    CreateRole: bind(createRole),
    GetRole: bind(getRole),
    ListRoles: bind(listRolesOperation),
    UpdateRole: bind(updateRole),
    UpdateRoleDescription: bind(updateRoleDescription),
    UpdateAssumeRolePolicy: bind(updateAssumeRolePolicy),
    DeleteRole: bind(deleteRole),
    ListInstanceProfilesForRole: bind(listInstanceProfilesForRole),
    TagRole: bind(tagRole),
    UntagRole: bind(untagRole),
    ListRoleTags: bind(listRoleTags),
    PutRolePolicy: bind(putRolePolicy),
    GetRolePolicy: bind(getRolePolicy),
    DeleteRolePolicy: bind(deleteRolePolicy),
    ListRolePolicies: bind(listRolePolicies),
    AttachRolePolicy: bind(attachRolePolicy),
    DetachRolePolicy: bind(detachRolePolicy),
    ListAttachedRolePolicies: bind(listAttachedRolePolicies),
    CreatePolicy: bind(createPolicy),
    GetPolicy: bind(getPolicy),
    DeletePolicy: bind(deletePolicy),
    ListPolicies: bind(listPolicies),
    GetPolicyVersion: bind(getPolicyVersion),
    ListPolicyVersions: bind(listPolicyVersions),
  };
  return { name: 'iam', model: loadModel('iam'), operations, errors: WIRE_ERRORS.iam, validationPathPrefix: false };
}
