// The errors CloudWatch Logs answers (awsJson1.1 `__type` + `message`, status 400). Texts are
// AWS's, recorded in localstack tests/aws/services/logs/test_logs_{groups,streams,events}.snapshot.json.
import { AwsError } from '../../aws/errors.js';

export const LOGS_ERRORS = {
  noSuchGroup: () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.'),
  noSuchStream: () => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.'),
  groupExists: () => new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists'),
  streamExists: () => new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists'),
  invalidParameter: (message: string) => new AwsError('InvalidParameterException', message),
  invalidToken: () => new AwsError('InvalidParameterException', 'The specified nextToken is invalid.'),
  validation: (message: string) => new AwsError('ValidationException', message),
};
