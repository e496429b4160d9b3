// Checks on a function's configuration that the model cannot express: runtimes Kanaria can run
// (and those AWS no longer lets you create), reserved and oversized environment variables.
// Texts are AWS's (InvalidParameterValueException).
import { runtimeFamily } from '../../../runtime/launch.js';

/** Keys the Lambda runtime sets itself; AWS refuses them in Environment.Variables. */
export const RESERVED_ENVIRONMENT_KEYS = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/** Runtimes AWS has blocked for function creation and update. */
const BLOCKED = new Set(['nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'python2.7', 'python3.6', 'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'ruby2.5']);

export function runtimeProblem(runtime: string): string | undefined {
  if (BLOCKED.has(runtime)) {
    return `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`;
  }
  if (!runtimeFamily(runtime)) {
    return `Kanaria cannot run the ${runtime} runtime: it runs python3.*, nodejs*.x and provided.* functions.`;
  }
  return undefined;
}

export function environmentProblem(variables: Record<string, string> | undefined): string | undefined {
  if (!variables) return undefined;
  const reserved = Object.keys(variables).filter((k) => RESERVED_ENVIRONMENT_KEYS.has(k));
  if (reserved.length > 0) {
    return (
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys ' +
      `that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > 4096) {
    return `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`;
  }
  return undefined;
}
