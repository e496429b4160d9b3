// AWS IAM, as much as Terraform's aws_iam_role and aws_iam_role_policy_attachment need: roles,
// managed and inline policies. Stored, not enforced.
import type { Operations } from '../../aws/generated/iam.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Store } from '../../store/store.js';

export interface IamDeps {
  store: Store;
}

export function createIamService(deps: IamDeps): ServiceDefinition {
  void deps;
  const operations: Handlers<Operations> = {};
  return { name: 'iam', model: loadModel('iam'), operations, errors: WIRE_ERRORS.iam, validationPathPrefix: false };
}
