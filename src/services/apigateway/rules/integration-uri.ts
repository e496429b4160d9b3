// What PutIntegration/UpdateIntegration accept for an integration's type, uri, method and
// timeout, with AWS's refusal texts. Pure. Lambda function ARNs may carry `${stageVariables.x}`
// in the function name (or qualifier), never as the whole function part (seed 000's pitfall).
import type { IntegrationType } from '../../../aws/generated/apigateway.js';
import { badRequest } from '../errors.js';

export const MESSAGES = {
  // [AWS-recorded] LS-LAMBDA-SNAP test_put_integration_aws_proxy_uri (reference section 3)
  invalidArn: 'Invalid ARN specified in the request',
  pathOrAction: 'AWS ARN for integration must contain path or action',
  awsProxyTarget: "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
  // terraform-provider-aws#156 / hashicorp/terraform#6463 quote this AWS answer.
  lambdaFunction: 'Invalid lambda function',
  // moto's and cloudemu's copies of the AWS texts.
  httpEndpoint: 'Invalid HTTP endpoint specified for URI',
  httpMethod: 'Enumeration value for HttpMethod must be non-empty',
  // aws/aws-cdk#31063 quotes this AWS answer.
  timeout: 'Timeout should be between 50 ms and 29000 ms',
} as const;

export const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
export const MIN_TIMEOUT_MS = 50;
export const MAX_TIMEOUT_MS = 29_000;

export interface IntegrationTarget {
  type: IntegrationType;
  uri?: string;
  /** The integration's own HTTP method (`httpMethod` on the wire). */
  httpMethod?: string;
  timeoutInMillis?: number;
  passthroughBehavior?: string;
}

const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/g;
/** A function name or qualifier: letters, digits, `-`, `_`, and stage variable references. */
const NAME_PART = /^(?:[A-Za-z0-9_-]|\$\{stageVariables\.[A-Za-z0-9_]+\})+$/;

/**
 * `arn:{partition}:lambda:{region}:{account}:function:{name}[:{qualifier}]`. The account may be
 * `*` (hashicorp/terraform#6463); a variable may stand in the name or the qualifier only
 * (amazon-archives/aws-apigateway-importer#94, an AWS engineer's answer).
 */
export function isLambdaFunctionArn(text: string): boolean {
  const parts = text.split(':');
  if (parts.length < 7 || parts.length > 8) return false;
  const [arn, partition, service, region, account, kind, name, qualifier] = parts;
  if (arn !== 'arn' || !/^aws[a-z-]*$/.test(partition) || service !== 'lambda' || kind !== 'function') return false;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) return false;
  if (!/^(\d{12}|\*)$/.test(account)) return false;
  return NAME_PART.test(name) && (qualifier === undefined || NAME_PART.test(qualifier));
}

function checkAwsUri(type: IntegrationType, uri: string | undefined): void {
  if (!uri || !uri.startsWith('arn:')) throw badRequest(MESSAGES.invalidArn);
  // arn:{partition}:apigateway:{region}:{service}:{path/…|action/…}
  const parts = uri.split(':');
  const service = parts[4];
  const target = parts.slice(5).join(':');
  if (parts.length < 6 || parts[2] !== 'apigateway' || !/^(path|action)\//.test(target)) throw badRequest(MESSAGES.pathOrAction);
  const lambda = /^path\/2015-03-31\/functions\/(.+)\/invocations$/.exec(target);
  if (type === 'AWS_PROXY') {
    // Firehose is reached by action (`firehose:action/PutRecord`); a Lambda-style path to any
    // other service is refused with the AWS_PROXY message [AWS-recorded].
    if (service === 'firehose' && target.startsWith('action/')) return;
    if (service !== 'lambda' || !lambda) throw badRequest(MESSAGES.awsProxyTarget);
  }
  if (service === 'lambda' && lambda && !isLambdaFunctionArn(lambda[1])) throw badRequest(MESSAGES.lambdaFunction);
}

function checkHttpUri(uri: string | undefined): void {
  // Stage variables may stand for the host, a path segment or a query value [AWS doc]
  // aws-api-gateway-stage-variables-reference: check the URL with each one filled in.
  let url: URL | undefined;
  try {
    url = uri ? new URL(uri.replace(STAGE_VARIABLE, 'stagevariable')) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') throw badRequest(MESSAGES.httpEndpoint);
}

/** Throws the AWS refusal for the first thing wrong with an integration, in AWS's order. */
export function checkIntegration(target: IntegrationTarget): void {
  const { type, timeoutInMillis, passthroughBehavior } = target;
  if (timeoutInMillis !== undefined && (timeoutInMillis < MIN_TIMEOUT_MS || timeoutInMillis > MAX_TIMEOUT_MS)) {
    throw badRequest(MESSAGES.timeout);
  }
  if (passthroughBehavior !== undefined && !(PASSTHROUGH_BEHAVIORS as readonly string[]).includes(passthroughBehavior)) {
    // No AWS source for this text: Kanaria's wording.
    throw badRequest(`Invalid passthrough behavior specified: ${passthroughBehavior}. Valid values are ${PASSTHROUGH_BEHAVIORS.join(', ')}`);
  }
  if (type === 'MOCK') return;
  if (!target.httpMethod) throw badRequest(MESSAGES.httpMethod);
  if (type === 'HTTP' || type === 'HTTP_PROXY') checkHttpUri(target.uri);
  else checkAwsUri(type, target.uri);
}
