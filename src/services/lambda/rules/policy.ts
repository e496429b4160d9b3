// A function's resource-based policy: the statement AddPermission builds (shaped as AWS returns
// it from GetPolicy) and the check that a service principal, e.g. API Gateway calling from
// arn:aws:execute-api:…, is allowed lambda:InvokeFunction (ArnLike with `*` and `?` per ARN part).
import type { AddPermissionRequest } from '../../../aws/generated/lambda.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal: '*' | { Service?: string | string[]; AWS?: string | string[] };
  Action: string | string[];
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

function principalOf(p: string): PolicyStatement['Principal'] {
  if (p === '*') return '*';
  if (/^\d{12}$/.test(p)) return { AWS: `arn:aws:iam::${p}:root` };
  if (p.startsWith('arn:')) return { AWS: p };
  return { Service: p };
}

export function buildStatement(input: AddPermissionRequest, resource: string): PolicyStatement {
  const condition: Record<string, Record<string, string>> = {};
  const add = (op: string, key: string, value: string | undefined) => {
    if (value !== undefined) condition[op] = { ...condition[op], [key]: value };
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  const statement: PolicyStatement = { Sid: input.StatementId, Effect: 'Allow', Principal: principalOf(input.Principal), Action: input.Action, Resource: resource };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

export const policyDocument = (statements: PolicyStatement[]) => JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });

const STAR = 42; // '*'
const QUESTION = 63; // '?'

/**
 * IAM string matching with `*` (any run) and `?` (one character), case-sensitive. Runs on every
 * API Gateway → Lambda call, so it walks the strings (greedy, backtracking to the last `*`)
 * instead of building a RegExp per check.
 */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && c !== STAR && (c === QUESTION || c === value.charCodeAt(v))) {
      p++;
      v++;
    } else if (p < pattern.length && c === STAR) {
      star = p++;
      resume = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/** The six colon-separated parts of an ARN (the sixth keeps its colons), or undefined. */
function arnParts(s: string): string[] | undefined {
  const parts = s.split(':');
  if (parts.length < 6) return undefined;
  if (parts.length > 6) parts.splice(5, parts.length - 5, parts.slice(5).join(':'));
  return parts;
}

/** ArnLike: the six colon-separated parts are matched one by one. */
export function arnLike(pattern: string, arn: string): boolean {
  const p = arnParts(pattern);
  const a = arnParts(arn);
  if (!p || !a) return false;
  for (let i = 0; i < 6; i++) if (!globMatch(p[i], a[i])) return false;
  return true;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface ServiceCaller {
  principal: string;
  sourceArn: string;
}

function conditionsHold(condition: PolicyStatement['Condition'], caller: ServiceCaller): boolean {
  const sourceAccount = caller.sourceArn.split(':')[4] ?? '';
  for (const [op, pairs] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(pairs)) {
      const k = key.toLowerCase();
      const values = list(expected as string | string[]);
      let ok: boolean;
      if (k === 'aws:sourcearn' && (op === 'ArnLike' || op === 'ArnEquals' || op === 'StringLike')) ok = values.some((v) => arnLike(v, caller.sourceArn));
      else if (k === 'aws:sourcearn' && op === 'StringEquals') ok = values.includes(caller.sourceArn);
      else if (k === 'aws:sourceaccount' && op === 'StringEquals') ok = values.includes(sourceAccount);
      else ok = false; // conditions a service call cannot satisfy (org id, event source token, …)
      if (!ok) return false;
    }
  }
  return true;
}

/** Whether the statements allow `caller` to invoke (an explicit Deny wins). */
export function allowsInvoke(statements: PolicyStatement[], caller: ServiceCaller): boolean {
  let allowed = false;
  for (const s of statements) {
    const action = list(s.Action).some((a) => a === '*' || a === 'lambda:*' || a.toLowerCase() === 'lambda:invokefunction');
    const principal =
      s.Principal === '*' || list(s.Principal.Service).includes(caller.principal) || list(s.Principal.AWS).includes('*');
    if (!action || !principal || !conditionsHold(s.Condition, caller)) continue;
    if (s.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}
