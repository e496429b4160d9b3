// Stage variable names and values as AWS accepts them, with AWS's refusal texts. Used for
// `variables` and canary `stageVariableOverrides` on CreateStage, CreateDeployment and UpdateStage.
import { badRequest } from '../errors.js';

/** Names: word characters only [AWS doc] API_CreateDeployment; at most 64 [AWS doc] limits table. */
const NAME = /^[A-Za-z0-9_]+$/;
export const MAX_NAME_LENGTH = 64;
/** Values [AWS doc] API_CreateDeployment: `[A-Za-z0-9-._~:/?#&=,]+`; at most 512 [AWS doc] limits table. */
const VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;
export const MAX_VALUE_LENGTH = 512;

/**
 * The name and value refusals are AWS's own words, double space and the odd `-'` included
 * (serverless/serverless#6133 for names; sirceljm/aws-lambda-blog#10 and
 * awsdocs/amazon-api-gateway-developer-guide#91 for values). The length refusals are Kanaria's:
 * no source gives AWS's text for them.
 */
export function checkStageVariable(name: string, value: string | null | undefined): void {
  if (!NAME.test(name)) throw badRequest(`Invalid stage variable name: ${name}.  Please use names with only word characters.`);
  if (name.length > MAX_NAME_LENGTH) {
    throw badRequest(`Invalid stage variable name: ${name}.  Stage variable names must be at most ${MAX_NAME_LENGTH} characters.`);
  }
  const text = value ?? 'null';
  if (value === null || value === undefined || !VALUE.test(value)) {
    throw badRequest(
      `Invalid stage variable value: ${text}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.`,
    );
  }
  if (value.length > MAX_VALUE_LENGTH) {
    throw badRequest(`Invalid stage variable value: ${value}.  Stage variable values must be at most ${MAX_VALUE_LENGTH} characters.`);
  }
}

export function checkStageVariables(variables: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(variables ?? {})) checkStageVariable(name, value);
}

/** Stage names [AWS doc] CreateStage: letters, digits, hyphens and underscores, at most 128. */
export function isValidStageName(name: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(name);
}
