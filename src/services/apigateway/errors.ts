// API Gateway's error texts in one table, and the three error types they travel in. Texts marked
// [AWS-recorded] come from LocalStack's snapshots recorded against AWS (see
// ../shared/reference/aws-canary-and-lambda.md); the others say where they come from.
import { AwsError } from '../../aws/errors.js';

export const badRequest = (message: string) => new AwsError('BadRequestException', message);
export const notFound = (message: string) => new AwsError('NotFoundException', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);

export const MESSAGES = {
  // Not found [AWS-recorded] test_apigateway_api.snapshot.json
  api: (accountId: string, apiId: string) => `Invalid API identifier specified ${accountId}:${apiId}`,
  resource: 'Invalid Resource identifier specified',
  method: 'Invalid Method identifier specified',
  integration: 'Invalid Integration identifier specified',
  responseStatus: 'Invalid Response status code specified',
  parameterName: 'Invalid parameter name specified',
  contentType: 'Content-Type specified was not found',
  // Lowercase "stage": the real AWS text quoted in amplify-education/serverless-domain-manager#92.
  stage: 'Invalid stage identifier specified',
  // cloudemu's table of "messages real API Gateway returns"; moto uses the same text.
  deployment: 'Invalid Deployment identifier specified',

  // Conflicts: [AWS-recorded] (resource), cloudemu's AWS table (stage, method).
  siblingName: (pathPart: string) => `Another resource with the same parent already has this name: ${pathPart}`,
  stageExists: 'Stage already exists',
  methodExists: 'Method already exists for this resource',

  // Deployments and stages [AWS-recorded] unless noted.
  activeStages: 'Active stages pointing to this deployment must be moved or deleted',
  deploymentIdMissing: 'Deployment id does not exist',
  noMethods: "The REST API doesn't contain any methods",
  noIntegration: 'No integration defined for method',
  // Stage names: AWS's text (Zappa#356 quotes it from before hyphens were allowed).
  stageName: 'Stage name only allows a-zA-Z0-9_-',

  // Rest APIs [AWS-recorded]
  emptyDescription: 'Description cannot be an empty string',
  compressionSize: 'Invalid minimum compression size, must be between 0 and 10485760',
  noEndpointType: 'REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.',
  manyEndpointTypes: 'Cannot create an api with multiple Endpoint Types.',
  privateIpv4: 'Only dualstack ipAddressType is supported for Private APIs.',
  ipAddressType: 'ipAddressType must be either ipv4 or dualstack.',
  endpointType: 'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE',

  // Resources [AWS-recorded]; the path-part rule text is moto's copy of AWS's.
  cyclical: 'Resources cannot be cyclical.',
  rootPathPart: 'Root resource cannot update its pathPart.',
  rootParent: 'Root resource cannot update its parentId.',
  variableSibling: (sibling: string) => `A sibling (${sibling}) of this resource already has a variable path part -- only one is allowed`,
  greedyParent: (pathPart: string) => `Cannot create a child of a resource with a greedy path variable: ${pathPart}`,
  pathPart:
    "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
  // Not found in any source: Kanaria's wording.
  rootDelete: 'Root resource cannot be deleted.',

  // Methods [AWS-recorded]
  httpMethod: 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY',
  authorizer: 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
  requestValidator: 'Invalid Request Validator identifier specified',
  model: (name: string) => `Invalid model identifier specified: ${name}`,
  uniqueParameters: 'Parameter names must be unique across querystring, header and path',
} as const;
