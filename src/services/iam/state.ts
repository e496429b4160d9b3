// How IAM entities are stored: roles (with their inline and attached policies) and customer
// managed policies (with their versions), one document each, keyed by account and lower-cased
// name because IAM names are unique regardless of case. The root user's creation time too.
import type { Tag } from '../../aws/generated/iam.js';

export const IAM_ROLE = 'iam.role';
export const IAM_POLICY = 'iam.policy';
export const IAM_ACCOUNT = 'iam.account';

export interface StoredRole {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  /** ISO 8601. */
  CreateDate: string;
  /** The trust policy exactly as sent (returned URL-encoded). */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundary?: string;
  Tags: Tag[];
  /** Managed policy ARNs, in the order they were attached. */
  attachedPolicies: string[];
  /** Inline policies by name, documents exactly as sent. */
  inlinePolicies: Record<string, string>;
}

export interface StoredPolicyVersion {
  VersionId: string;
  Document: string;
  CreateDate: string;
}

export interface StoredPolicy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  DefaultVersionId: string;
  Tags: Tag[];
  /** Newest first, as ListPolicyVersions answers. */
  versions: StoredPolicyVersion[];
}

export interface StoredAccount {
  /** When this account was first seen: the root user's CreateDate. */
  CreateDate: string;
}

export const roleKey = (accountId: string, roleName: string) => `${accountId}/${roleName.toLowerCase()}`;
export const rolePrefix = (accountId: string) => `${accountId}/`;
export const policyKey = (accountId: string, policyName: string) => `${accountId}/${policyName.toLowerCase()}`;
export const policyPrefix = (accountId: string) => `${accountId}/`;

export const roleArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:role${path}${name}`;
export const policyArn = (accountId: string, path: string, name: string) => `arn:aws:iam::${accountId}:policy${path}${name}`;
