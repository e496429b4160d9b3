// Policy documents: the checks IAM makes before it stores one (JSON, statements, the fields a
// trust or identity policy may not hold) and the URL encoding IAM answers them in. The texts are
// AWS's (recorded in localstack tests/aws/services/iam/test_iam_roles.snapshot.json).

export type PolicyKind = 'identity' | 'trust';

export const INVALID_JSON = 'This policy contains invalid Json';
export const SYNTAX_ERRORS = 'Syntax errors in policy.';
export const TRUST_ACTIONS_ONLY = 'AssumeRole policy may only specify STS AssumeRole actions.';
export const TRUST_NO_RESOURCE = 'Has prohibited field Resource';
export const IDENTITY_NO_PRINCIPAL = 'Policy document should not specify a principal.';
export const IDENTITY_NEEDS_RESOURCE = 'Policy statement must contain resources.';

/** Actions a trust policy may grant: the sts calls that assume a role, or tag/label the session. */
const TRUST_ACTION = /^sts:(AssumeRole[A-Za-z]*|TagSession|SetSourceIdentity|SetContext|\*)$/i;

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why IAM would refuse `text` as a policy of this kind, or undefined when it accepts it. */
export function policyProblem(text: string, kind: PolicyKind): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
  if (!isObject(doc) || doc.Statement === undefined) return SYNTAX_ERRORS;
  const statements = asList(doc.Statement);
  if (statements.length === 0 || !statements.every(isObject)) return SYNTAX_ERRORS;
  for (const statement of statements as Record<string, unknown>[]) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return SYNTAX_ERRORS;
    const problem = kind === 'trust' ? trustStatementProblem(statement) : identityStatementProblem(statement);
    if (problem) return problem;
  }
  return undefined;
}

function trustStatementProblem(statement: Record<string, unknown>): string | undefined {
  if ('Resource' in statement || 'NotResource' in statement) return TRUST_NO_RESOURCE;
  const actions = asList(statement.Action ?? statement.NotAction);
  if (actions.length === 0 || !actions.every((a) => typeof a === 'string' && TRUST_ACTION.test(a))) return TRUST_ACTIONS_ONLY;
  return undefined;
}

function identityStatementProblem(statement: Record<string, unknown>): string | undefined {
  if ('Principal' in statement || 'NotPrincipal' in statement) return IDENTITY_NO_PRINCIPAL;
  if (!('Resource' in statement) && !('NotResource' in statement)) return IDENTITY_NEEDS_RESOURCE;
  return undefined;
}

/**
 * IAM answers policy documents percent-encoded (RFC 3986: everything but letters, digits and
 * `-_.~`), so `{"Action":"*"}` reads `%7B%22Action%22%3A%22%2A%22%7D`; clients URL-decode it.
 */
export function encodePolicyDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
