// TagResource, UntagResource and ListTags on function ARNs (tags belong to the function, not to
// its versions or aliases).
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers, OpContext } from '../../../aws/service.js';
import { parseFunctionName } from '../arn.js';
import { LAMBDA_ERRORS } from '../errors.js';
import type { LambdaEnv } from '../lambda-env.js';
import { locate, requireFunction, updateFunction, type Located } from '../resolve.js';

const MAX_TAGS = 50;

function taggable(ctx: OpContext, resource: string): Located {
  if (parseFunctionName(resource)?.qualifier) {
    throw LAMBDA_ERRORS.invalidParameter(
      'Tagging operations are permitted on Lambda functions only. Tags on aliases and versions are not supported. Please specify either a function name or a function ARN.',
    );
  }
  return locate(ctx, resource);
}

export function tagOperations(env: LambdaEnv): Handlers<Operations> {
  const { records } = env;
  return {
    TagResource: (ctx, input) => {
      updateFunction(records, taggable(ctx, input.Resource), (fn) => {
        const tags = { ...fn.tags, ...input.Tags };
        if (Object.keys(tags).length > MAX_TAGS) throw LAMBDA_ERRORS.invalidParameter('Number of tags exceeds resource tag limit.');
        return { next: { ...fn, tags }, result: undefined };
      });
      return undefined;
    },

    UntagResource: (ctx, input) => {
      updateFunction(records, taggable(ctx, input.Resource), (fn) => {
        const tags = Object.fromEntries(Object.entries(fn.tags).filter(([k]) => !input.TagKeys.includes(k)));
        return { next: { ...fn, tags }, result: undefined };
      });
      return undefined;
    },

    ListTags: (ctx, input) => ({ Tags: requireFunction(records, taggable(ctx, input.Resource)).tags }),
  };
}
