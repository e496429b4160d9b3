// Managed policy ARNs: `arn:aws:iam::{account|aws}:policy{path}{name}`. AWS managed policies
// live under the account `aws`; customer policies under the caller's account.

export interface PolicyArnParts {
  /** `aws` for AWS managed policies, else the owning account id. */
  owner: string;
  path: string;
  name: string;
}

const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/;

export function parsePolicyArn(arn: string): PolicyArnParts | undefined {
  const match = POLICY_ARN.exec(arn);
  return match ? { owner: match[1], path: match[2], name: match[3] } : undefined;
}
