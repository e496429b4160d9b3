// AWS IAM, as much as Terraform's aws_iam_role and aws_iam_role_policy_attachment need: roles,
// managed and inline policies, the AWS managed policy catalog. Stored, not enforced.
export { createIamService, type IamDeps } from './service.js';
