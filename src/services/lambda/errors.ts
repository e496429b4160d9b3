// The Lambda errors Kanaria raises, with AWS's texts (recorded by LocalStack's snapshot tests
// and quoted in AWS answers): one factory each, so an operation never spells a message itself.
import { AwsError } from '../../aws/errors.js';

const user = (code: string, message: string, status?: number, fields?: Record<string, unknown>) => new AwsError(code, message, { status, fields });

export const LAMBDA_ERRORS = {
  functionNotFound: (arn: string) => user('ResourceNotFoundException', `Function not found: ${arn}`),
  aliasNotFound: (arn: string) => user('ResourceNotFoundException', `Cannot find alias arn: ${arn}`),
  policyNotFound: () => user('ResourceNotFoundException', 'The resource you requested does not exist.'),
  statementNotFound: (sid: string) => user('ResourceNotFoundException', `Statement ${sid} is not found in resource policy.`),
  eventInvokeConfigNotFound: (arn: string) => user('ResourceNotFoundException', `The function ${arn} doesn't have an EventInvokeConfig`),
  resourceNotFound: () => user('ResourceNotFoundException', 'The resource you requested does not exist.'),
  provisionedConcurrencyNotFound: () => user('ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function'),
  functionExists: (name: string) => user('ResourceConflictException', `Function already exist: ${name}`),
  aliasExists: (arn: string) => user('ResourceConflictException', `Alias already exists: ${arn}`),
  statementExists: (sid: string) =>
    user('ResourceConflictException', `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`),
  versionInUse: (aliases: string[]) => user('ResourceConflictException', `Unable to delete version because the following aliases reference it: [${aliases.join(', ')}]`),
  invalidParameter: (message: string) => user('InvalidParameterValueException', message),
  revisionMismatch: () =>
    user('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id'),
  /** A ZipFile over 50 MB: AWS measures the base64 request, 50 MB × 4/3. */
  requestTooLarge: (operation: string) => user('RequestEntityTooLargeException', `Request must be smaller than 69905067 bytes for the ${operation} operation`, 413),
  payloadTooLarge: (limit: number) => user('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`),
  invalidPayload: (detail: string) => user('InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${detail}`),
  throttled: (reason: string) => user('TooManyRequestsException', 'Rate Exceeded.', undefined, { Reason: reason }),
  accessDenied: (principal: string, arn: string) =>
    user(
      'AccessDeniedException',
      `User: ${principal} is not authorized to perform: lambda:InvokeFunction on resource: ${arn} because no resource-based policy allows the lambda:InvokeFunction action`,
      403,
    ),
  regionMismatch: (theirs: string, ours: string) => user('InvalidParameterValueException', `Functions from '${theirs}' are not reachable in this region ('${ours}')`),
  qualifierMismatch: () => user('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.'),
  serviceError: (message: string) => new AwsError('ServiceException', message, { status: 500, senderFault: false }),
} as const;
