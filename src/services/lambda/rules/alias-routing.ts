// Alias routing (RoutingConfig.AdditionalVersionWeights): AWS's checks on create/update and the
// per-invocation draw. One extra version at most; the alias's FunctionVersion takes 1 − weight.
// Messages as recorded from AWS by LocalStack's alias tests.
import type { AliasRoutingConfiguration } from '../../../aws/generated/lambda.js';

/** The first rule the routing breaks, or undefined (the caller checks that the extra version exists). */
export function routingProblem(
  routing: AliasRoutingConfiguration | undefined,
  functionVersion: string,
): { message: string } | undefined {
  const weights = Object.entries(routing?.AdditionalVersionWeights ?? {});
  if (weights.length === 0) return undefined;
  if (weights.length > 1) return { message: 'Number of items in AdditionalVersionWeights cannot be greater than 1' };
  const [version] = weights[0];
  if (version === functionVersion) {
    return { message: `Invalid function version ${functionVersion}. Function version ${functionVersion} is already included in routing configuration.` };
  }
  if (functionVersion === '$LATEST') return { message: '$LATEST is not supported for an alias pointing to more than 1 version' };
  return undefined;
}

/** The version one invocation runs: the extra version with probability `weight`, else the main one. */
export function pickVersion(functionVersion: string, routing: AliasRoutingConfiguration | undefined, random: () => number): string {
  const weights = routing?.AdditionalVersionWeights;
  if (!weights) return functionVersion;
  for (const [version, weight] of Object.entries(weights)) if (random() < weight) return version;
  return functionVersion;
}
