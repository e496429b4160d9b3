// Calling a Lambda function for an AWS or AWS_PROXY integration through the LambdaInvoker
// contract: the function ARN from the URI (stage variables rendered per request), API Gateway as
// the calling principal with the method's execute-api ARN, the integration deadline, and the
// Invoke errors turned into the gateway responses AWS gives (reference §4.3).
import { isAwsError } from '../../aws/errors.js';
import type { InvokeResult } from '../../services/lambda/invoker.js';
import type { CompiledIntegration } from '../compile-method.js';
import type { InvocationContext } from '../context.js';
import { ApiConfigurationError, IntegrationTimeout, MESSAGES } from '../gateway-responses.js';
import { renderStageVariables } from '../stage-variables.js';

const FUNCTION_ARN = /^arn:([^:]+):lambda:([^:]+):([^:]+):function:(.+)$/;

const configurationError = (detail: string) => new ApiConfigurationError(MESSAGES.internal, { logLines: [`Execution failed due to configuration error: ${detail}`] });

/** The source ARN API Gateway presents: `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}{resourcePath}`. */
export function sourceArn(ctx: InvocationContext): string {
  const { scope, apiId, stageName } = ctx.stage!;
  const method = ctx.method!;
  return `arn:aws:execute-api:${scope.region}:${scope.accountId}:${apiId}/${stageName}/${method.httpMethod}${method.resourcePath}`;
}

/** Settles with the invoker's answer, or rejects with a 504 when the integration deadline passes first. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new IntegrationTimeout(MESSAGES.timeout, { logLines: ['Execution failed due to a timeout error'] })), ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** Invokes the integration's function with `payload`; resolves with the Invoke result (which may carry a function error). */
export async function callLambda(ctx: InvocationContext, integration: CompiledIntegration, payload: Buffer | string): Promise<InvokeResult> {
  if (!integration.lambdaFunctionArn) throw configurationError(`Unsupported AWS integration URI: ${integration.uri}`);
  const functionArn = integration.uriHasStageVariables ? renderStageVariables(integration.lambdaFunctionArn, ctx.stageVariables) : integration.lambdaFunctionArn;
  const parts = FUNCTION_ARN.exec(functionArn);
  const region = parts?.[2] ?? ctx.stage!.scope.region;
  const accountId = parts?.[3] === '*' || !parts ? ctx.stage!.scope.accountId : parts[3];
  const endpoint = () => `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
  ctx.log('INFO', () => `Endpoint request URI: ${endpoint()}`);
  if (ctx.settings?.dataTrace) ctx.log('INFO', () => `Endpoint request body after transformations: ${payload.toString()}`);
  ctx.log('INFO', () => `Sending request to ${endpoint()}`);
  try {
    return await withDeadline(
      ctx.services.invoker.invoke({
        accountId,
        region,
        functionName: functionArn,
        payload,
        caller: { principal: 'apigateway.amazonaws.com', sourceArn: sourceArn(ctx) },
      }),
      integration.timeoutMs,
    );
  } catch (err) {
    if (!isAwsError(err)) throw err;
    ctx.integrationError = err.message;
    if (err.code === 'AccessDeniedException' || err.code === 'ResourceNotFoundException') {
      // A function missing or not allowing apigateway.amazonaws.com: Lambda refuses the service
      // principal either way, which API Gateway reports as a permission problem (a 500).
      throw configurationError('Invalid permissions on Lambda function');
    }
    if (err.code === 'TooManyRequestsException') {
      throw new ApiConfigurationError(MESSAGES.internal, { logLines: [`Lambda invocation failed with status: 429. Lambda request id: ${ctx.requestId}`] });
    }
    throw new ApiConfigurationError(MESSAGES.internal, { logLines: [`Lambda invocation failed with status: ${err.status ?? 500}: ${err.code}: ${err.message}`] });
  }
}

/** The `errorMessage` of a function error document (`{"errorMessage": …, "errorType": …}`). */
export function functionErrorMessage(result: InvokeResult): string {
  try {
    const doc = JSON.parse(result.payload.toString('utf8')) as { errorMessage?: unknown };
    return typeof doc?.errorMessage === 'string' ? doc.errorMessage : '';
  } catch {
    return '';
  }
}
