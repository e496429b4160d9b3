// Role tags: TagRole adds or replaces, UntagRole removes by key, ListRoleTags pages them.
import type { ListRoleTagsRequest, ListRoleTagsResponse, TagRoleRequest, UntagRoleRequest } from '../../../aws/generated/iam.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { pageOf } from '../rules/paging.js';
import { DUPLICATE_ROLE_TAG_KEYS, hasDuplicateKeys, mergeTags, removeTags } from '../rules/tags.js';
import { requireRole } from './lookup.js';
import { updateStoredRole } from './roles.js';

export function tagRole(ctx: IamContext, input: TagRoleRequest): void {
  requireRole(ctx, input.RoleName);
  if (hasDuplicateKeys(input.Tags)) throw IAM_ERRORS.invalidInput(DUPLICATE_ROLE_TAG_KEYS);
  updateStoredRole(ctx, input.RoleName, (role) => ({ ...role, Tags: mergeTags(role.Tags, input.Tags) }));
}

export function untagRole(ctx: IamContext, input: UntagRoleRequest): void {
  updateStoredRole(ctx, input.RoleName, (role) => ({ ...role, Tags: removeTags(role.Tags, input.TagKeys) }));
}

export function listRoleTags(ctx: IamContext, input: ListRoleTagsRequest): ListRoleTagsResponse {
  const role = requireRole(ctx, input.RoleName).data;
  const page = pageOf(role.Tags, input.Marker, input.MaxItems, IAM_ERRORS.invalidMarker);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
