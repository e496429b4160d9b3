// Integration uri rules (reference section 3): the AWS_PROXY checks with their exact messages,
// stage variables in the Lambda function name, HTTP URLs, MOCK, timeouts.
import { describe, expect, it } from 'vitest';
import { checkIntegration, isLambdaFunctionArn, type IntegrationTarget } from '../../../../../src/services/apigateway/rules/integration-uri.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function';
const proxy = (uri: string): IntegrationTarget => ({ type: 'AWS_PROXY', httpMethod: 'POST', uri });
const invocations = (fn: string, region = 'us-east-1') => `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}/invocations`;

function messageOf(target: IntegrationTarget): string | undefined {
  try {
    checkIntegration(target);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('checkIntegration: AWS_PROXY to Lambda', () => {
  it.each([
    [`${LAMBDA}:version1_lambda`],
    [`${LAMBDA}:\${stageVariables.lambda_function_name}`],
    [`${LAMBDA}:fn-\${stageVariables.suffix}`],
    [`${LAMBDA}:my-fn:\${stageVariables.alias}`],
    [`${LAMBDA}:my-fn:live`],
    ['arn:aws:lambda:us-east-1:*:function:${stageVariables.fn}'],
  ])('accepts the function ARN %s', (fn) => {
    expect(messageOf(proxy(invocations(fn)))).toBeUndefined();
  });

  it('refuses a function part that is only a stage variable: Invalid lambda function (seed 000 pitfall)', () => {
    expect(messageOf(proxy(invocations('${stageVariables.lambda_function_name}')))).toBe('Invalid lambda function');
  });

  it.each([
    ['a bare Lambda ARN as the uri', `${LAMBDA}:f`, 'AWS ARN for integration must contain path or action'],
    ['a uri that is not an ARN', 'bad-arn:lambda:path/2015-03-31/functions/x/invocations', 'Invalid ARN specified in the request'],
    ['neither path nor action', `arn:aws:apigateway:us-east-1:lambda:test/2015-03-31/functions/${LAMBDA}:f/invocations`, 'AWS ARN for integration must contain path or action'],
    ['another service', `arn:aws:apigateway:us-east-1:firehose:path/2015-03-31/functions/${LAMBDA}:f/invocations`, "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."],
    ['a wrong Lambda path', `arn:aws:apigateway:us-east-1:lambda:path/random/value/${LAMBDA}:f/invocations`, "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."],
    ['a malformed function ARN', invocations('arn:aws:lambda:us-east-1:123:function:f'), 'Invalid lambda function'],
  ])('refuses %s [AWS-recorded test_put_integration_aws_proxy_uri]', (_what, uri, message) => {
    expect(messageOf(proxy(uri))).toBe(message);
  });

  it('needs the integration HTTP method', () => {
    expect(messageOf({ type: 'AWS_PROXY', uri: invocations(`${LAMBDA}:f`) })).toBe('Enumeration value for HttpMethod must be non-empty');
  });

  it('applies the same function check to AWS (non-proxy) Lambda integrations, and lets other services through', () => {
    expect(messageOf({ type: 'AWS', httpMethod: 'POST', uri: invocations('${stageVariables.fn}') })).toBe('Invalid lambda function');
    expect(messageOf({ type: 'AWS', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue' })).toBeUndefined();
    expect(messageOf({ type: 'AWS', httpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:s3:action/GetObject' })).toBeUndefined();
  });
});

describe('checkIntegration: HTTP, MOCK, timeouts', () => {
  it.each(['https://example.com/pets', 'http://${stageVariables.host}/pets', 'https://api.example.com/${stageVariables.path}?q=${stageVariables.q}'])(
    'accepts the HTTP endpoint %s',
    (uri) => {
      expect(messageOf({ type: 'HTTP_PROXY', httpMethod: 'GET', uri })).toBeUndefined();
      expect(messageOf({ type: 'HTTP', httpMethod: 'GET', uri })).toBeUndefined();
    },
  );

  it.each(['not a url', 'ftp://example.com/x', undefined])('refuses the HTTP endpoint %j', (uri) => {
    expect(messageOf({ type: 'HTTP', httpMethod: 'GET', uri })).toBe('Invalid HTTP endpoint specified for URI');
  });

  it('MOCK needs neither uri nor method', () => {
    expect(messageOf({ type: 'MOCK' })).toBeUndefined();
  });

  it.each([
    [50, undefined],
    [29000, undefined],
    [49, 'Timeout should be between 50 ms and 29000 ms'],
    [29001, 'Timeout should be between 50 ms and 29000 ms'],
  ])('timeoutInMillis %d', (timeoutInMillis, message) => {
    expect(messageOf({ type: 'MOCK', timeoutInMillis })).toBe(message);
  });

  it('refuses an unknown passthrough behavior', () => {
    expect(messageOf({ type: 'MOCK', passthroughBehavior: 'SOMETIMES' })).toMatch(/^Invalid passthrough behavior specified: SOMETIMES/);
  });
});

describe('isLambdaFunctionArn', () => {
  it('knows names, qualifiers, regions and accounts', () => {
    expect(isLambdaFunctionArn(`${LAMBDA}:name`)).toBe(true);
    expect(isLambdaFunctionArn('arn:aws-cn:lambda:cn-north-1:123456789012:function:name')).toBe(true);
    expect(isLambdaFunctionArn(`${LAMBDA}:na me`)).toBe(false);
    expect(isLambdaFunctionArn('arn:aws:lambda:us-east-1:123456789012:layer:name')).toBe(false);
    expect(isLambdaFunctionArn('arn:aws:lambda:nowhere:123456789012:function:name')).toBe(false);
    expect(isLambdaFunctionArn(`${LAMBDA}:a:b:c`)).toBe(false);
  });
});
