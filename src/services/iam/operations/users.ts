// GetUser: Kanaria accepts every credential as the account's root user, so GetUser without a
// name answers the root identity as AWS does for root credentials (UserId = account id, ARN
// `arn:aws:iam::{account}:root`; Terraform reads the account id from it). There are no IAM users.
import type { GetUserRequest, GetUserResponse } from '../../../aws/generated/iam.js';
import type { IamContext } from '../context.js';
import { IAM_ERRORS } from '../errors.js';
import { IAM_ACCOUNT, type StoredAccount } from '../state.js';

/** The account's first-seen time, recorded once, so the root user's CreateDate never changes. */
function accountCreateDate(ctx: IamContext): string {
  return ctx.store.transaction(() => {
    const doc = ctx.store.get<StoredAccount>(IAM_ACCOUNT, ctx.accountId);
    if (doc) return doc.data.CreateDate;
    const account: StoredAccount = { CreateDate: new Date(ctx.now()).toISOString() };
    ctx.store.put(IAM_ACCOUNT, ctx.accountId, account, 0);
    return account.CreateDate;
  });
}

export function getUser(ctx: IamContext, input: GetUserRequest): GetUserResponse {
  if (input.UserName !== undefined) throw IAM_ERRORS.noSuchUser(input.UserName);
  // Root has no UserName or Path on AWS; the model marks them required, but clients do not enforce it.
  return { User: { UserId: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root`, CreateDate: accountCreateDate(ctx) } as GetUserResponse['User'] };
}
