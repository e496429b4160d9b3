// CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases, with weighted routing to a
// second version (RoutingConfig.AdditionalVersionWeights; the draw itself is in ../invocations.ts).
import { randomUUID } from 'node:crypto';
import type { AliasConfiguration, AliasRoutingConfiguration, Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import { functionArn } from '../arn.js';
import { LAMBDA_ERRORS } from '../errors.js';
import type { LambdaEnv } from '../lambda-env.js';
import { paginate } from '../paging.js';
import type { StoredAlias, StoredFunction } from '../records.js';
import { locate, requireFunction, updateFunction, type Located } from '../resolve.js';
import { routingProblem } from '../rules/alias-routing.js';

const aliasOut = (fn: StoredFunction, a: StoredAlias): AliasConfiguration => ({ AliasArn: functionArn(fn.region, fn.accountId, fn.name, a.Name), ...a });

/** The version must exist; the routing must follow AWS's rules and name an existing version. */
function checkTarget(fn: StoredFunction, at: Located, version: string, routing: AliasRoutingConfiguration | undefined): void {
  if (version !== '$LATEST' && !fn.versions[version]) throw LAMBDA_ERRORS.functionNotFound(functionArn(at.region, at.accountId, fn.name, version));
  const problem = routingProblem(routing, version);
  if (problem) throw LAMBDA_ERRORS.invalidParameter(problem.message);
  for (const extra of Object.keys(routing?.AdditionalVersionWeights ?? {})) {
    if (!fn.versions[extra]) throw LAMBDA_ERRORS.functionNotFound(functionArn(at.region, at.accountId, fn.name, extra));
  }
}

const hasWeights = (r: AliasRoutingConfiguration | undefined) => Object.keys(r?.AdditionalVersionWeights ?? {}).length > 0;

export function aliasOperations(env: LambdaEnv): Handlers<Operations> {
  const { records } = env;
  return {
    CreateAlias: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      return updateFunction(records, at, (fn) => {
        if (fn.aliases[input.Name]) throw LAMBDA_ERRORS.aliasExists(functionArn(at.region, at.accountId, fn.name, input.Name));
        checkTarget(fn, at, input.FunctionVersion, input.RoutingConfig);
        const alias: StoredAlias = { Name: input.Name, FunctionVersion: input.FunctionVersion, Description: input.Description ?? '', RevisionId: randomUUID() };
        if (hasWeights(input.RoutingConfig)) alias.RoutingConfig = input.RoutingConfig;
        const next = { ...fn, aliases: { ...fn.aliases, [alias.Name]: alias } };
        return { next, result: aliasOut(next, alias) };
      });
    },

    GetAlias: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      const fn = requireFunction(records, at);
      const alias = fn.aliases[input.Name];
      if (!alias) throw LAMBDA_ERRORS.aliasNotFound(functionArn(at.region, at.accountId, fn.name, input.Name));
      return aliasOut(fn, alias);
    },

    UpdateAlias: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      return updateFunction(records, at, (fn) => {
        const old = fn.aliases[input.Name];
        if (!old) throw LAMBDA_ERRORS.aliasNotFound(functionArn(at.region, at.accountId, fn.name, input.Name));
        if (input.RevisionId && input.RevisionId !== old.RevisionId) throw LAMBDA_ERRORS.revisionMismatch();
        const version = input.FunctionVersion ?? old.FunctionVersion;
        const routing = input.RoutingConfig !== undefined ? input.RoutingConfig : old.RoutingConfig;
        checkTarget(fn, at, version, routing);
        const alias: StoredAlias = { Name: old.Name, FunctionVersion: version, Description: input.Description ?? old.Description, RevisionId: randomUUID() };
        if (hasWeights(routing)) alias.RoutingConfig = routing;
        const next = { ...fn, aliases: { ...fn.aliases, [alias.Name]: alias } };
        return { next, result: aliasOut(next, alias) };
      });
    },

    DeleteAlias: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      updateFunction(records, at, (fn) => {
        if (!fn.aliases[input.Name]) return { result: undefined };
        const { [input.Name]: _alias, ...aliases } = fn.aliases;
        const { [input.Name]: _policy, ...policies } = fn.policies;
        return { next: { ...fn, aliases, policies }, result: undefined };
      });
      return undefined;
    },

    ListAliases: (ctx, input) => {
      const at = locate(ctx, input.FunctionName);
      const fn = requireFunction(records, at);
      const aliases = Object.values(fn.aliases)
        .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion)
        .sort((a, b) => a.Name.localeCompare(b.Name))
        .map((a) => aliasOut(fn, a));
      const { page, next } = paginate(aliases, input.Marker, input.MaxItems);
      return { Aliases: page, NextMarker: next };
    },
  };
}
