// The errors IAM answers, by the model's shape names (the query protocol writes the wire codes
// `NoSuchEntity`, `EntityAlreadyExists`, … and their statuses). Texts are AWS's, recorded in
// localstack tests/aws/services/iam/test_iam_roles.snapshot.json and test_iam_policies.snapshot.json.
import { AwsError } from '../../aws/errors.js';

export const IAM_ERRORS = {
  noSuchRole: (name: string) => new AwsError('NoSuchEntityException', `The role with name ${name} cannot be found.`),
  noSuchUser: (name: string) => new AwsError('NoSuchEntityException', `The user with name ${name} cannot be found.`),
  noSuchRolePolicy: (name: string) => new AwsError('NoSuchEntityException', `The role policy with name ${name} cannot be found.`),
  notAttachable: (arn: string) => new AwsError('NoSuchEntityException', `Policy ${arn} does not exist or is not attachable.`),
  noSuchBoundary: (arn: string) => new AwsError('NoSuchEntityException', `Scope ARN: ${arn} does not exist or is not attachable.`),
  policyNotFound: (arn: string) => new AwsError('NoSuchEntityException', `Policy ${arn} was not found.`),
  noSuchPolicyVersion: (arn: string, version: string) =>
    new AwsError('NoSuchEntityException', `Policy ${arn} version ${version} does not exist or is not attachable.`),
  roleExists: (name: string) => new AwsError('EntityAlreadyExistsException', `Role with name ${name} already exists.`),
  policyExists: (name: string) => new AwsError('EntityAlreadyExistsException', `A policy called ${name} already exists. Duplicate names are not allowed.`),
  mustDetachPolicies: () => new AwsError('DeleteConflictException', 'Cannot delete entity, must detach all policies first.'),
  mustDeletePolicies: () => new AwsError('DeleteConflictException', 'Cannot delete entity, must delete policies first.'),
  policyAttached: () => new AwsError('DeleteConflictException', 'Cannot delete a policy attached to entities.'),
  malformedPolicy: (message: string) => new AwsError('MalformedPolicyDocumentException', message),
  invalidArn: (arn: string) => new AwsError('ValidationError', `ARN ${arn} is not valid.`, { status: 400 }),
  invalidInput: (message: string) => new AwsError('InvalidInputException', message),
  invalidMarker: () => new AwsError('InvalidInputException', 'Invalid Marker.'),
};
