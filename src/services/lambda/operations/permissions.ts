// AddPermission, GetPolicy and RemovePermission: a resource policy per qualifier ($LATEST for the
// unqualified function, a version or an alias); GetPolicy answers 404 once the last statement is
// removed (Terraform's aws_lambda_permission relies on it).
import { randomUUID } from 'node:crypto';
import type { Operations } from '../../../aws/generated/lambda.js';
import type { Handlers } from '../../../aws/service.js';
import { qualifierKind } from '../arn.js';
import { LAMBDA_ERRORS } from '../errors.js';
import type { LambdaEnv } from '../lambda-env.js';
import type { StoredFunction } from '../records.js';
import { arnOf, locate, requireFunction, updateFunction, type Located } from '../resolve.js';
import { buildStatement, policyDocument } from '../rules/policy.js';

/** The policy's key and the RevisionId it is checked against; the qualifier must exist. */
function target(fn: StoredFunction, at: Located): { key: string; revisionId: string | undefined } {
  const q = at.qualifier;
  switch (qualifierKind(q)) {
    case 'latest':
      return { key: '$LATEST', revisionId: fn.latest.config.RevisionId };
    case 'version':
      if (!fn.versions[q!]) throw LAMBDA_ERRORS.functionNotFound(arnOf(at));
      return { key: q!, revisionId: fn.versions[q!].config.RevisionId };
    case 'alias':
      if (!fn.aliases[q!]) throw LAMBDA_ERRORS.aliasNotFound(arnOf(at));
      return { key: q!, revisionId: fn.aliases[q!].RevisionId };
  }
}

/** A policy change gives the version or alias a new RevisionId, as on AWS. */
function bumpRevision(fn: StoredFunction, key: string): StoredFunction {
  const RevisionId = randomUUID();
  if (key === '$LATEST') return { ...fn, latest: { ...fn.latest, config: { ...fn.latest.config, RevisionId } } };
  if (fn.versions[key]) return { ...fn, versions: { ...fn.versions, [key]: { ...fn.versions[key], config: { ...fn.versions[key].config, RevisionId } } } };
  return { ...fn, aliases: { ...fn.aliases, [key]: { ...fn.aliases[key], RevisionId } } };
}

export function permissionOperations(env: LambdaEnv): Handlers<Operations> {
  const { records } = env;
  return {
    AddPermission: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      if (at.qualifier === '$LATEST') throw LAMBDA_ERRORS.invalidParameter('We currently do not support adding policies for $LATEST.');
      return updateFunction(records, at, (fn) => {
        const { key, revisionId } = target(fn, at);
        if (input.RevisionId && input.RevisionId !== revisionId) throw LAMBDA_ERRORS.revisionMismatch();
        const statements = fn.policies[key] ?? [];
        if (statements.some((s) => s.Sid === input.StatementId)) throw LAMBDA_ERRORS.statementExists(input.StatementId);
        const statement = buildStatement(input, arnOf(at));
        const next = bumpRevision({ ...fn, policies: { ...fn.policies, [key]: [...statements, statement] } }, key);
        return { next, result: { Statement: JSON.stringify(statement) } };
      });
    },

    GetPolicy: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      const fn = requireFunction(records, at);
      const { key } = target(fn, at);
      const statements = fn.policies[key];
      if (!statements || statements.length === 0) throw LAMBDA_ERRORS.policyNotFound();
      return { Policy: policyDocument(statements), RevisionId: target(fn, at).revisionId };
    },

    RemovePermission: (ctx, input) => {
      const at = locate(ctx, input.FunctionName, input.Qualifier);
      updateFunction(records, at, (fn) => {
        const { key, revisionId } = target(fn, at);
        const statements = fn.policies[key];
        if (!statements || statements.length === 0) throw LAMBDA_ERRORS.policyNotFound();
        if (!statements.some((s) => s.Sid === input.StatementId)) throw LAMBDA_ERRORS.statementNotFound(input.StatementId);
        if (input.RevisionId && input.RevisionId !== revisionId) throw LAMBDA_ERRORS.revisionMismatch();
        const rest = statements.filter((s) => s.Sid !== input.StatementId);
        const { [key]: _old, ...others } = fn.policies;
        return { next: bumpRevision({ ...fn, policies: rest.length ? { ...others, [key]: rest } : others }, key), result: undefined };
      });
      return undefined;
    },
  };
}
