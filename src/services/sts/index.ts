// STS, as much as the AWS CLI and Terraform need to learn who they are: GetCallerIdentity.
// Every caller is the account's root user (credentials are accepted, not checked).
import type { Operations } from '../../aws/generated/sts.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';

const operations: Handlers<Operations> = {
  GetCallerIdentity: (ctx) => ({
    Account: ctx.accountId,
    Arn: `arn:aws:iam::${ctx.accountId}:root`,
    UserId: ctx.accountId,
  }),
};

export function createStsService(): ServiceDefinition {
  return { name: 'sts', model: loadModel('sts'), operations, errors: WIRE_ERRORS.sts, validationPathPrefix: false };
}
