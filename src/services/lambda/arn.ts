// Function names as Lambda accepts them in paths: `name`, `name:qualifier`, the partial ARN
// `123456789012:function:name[:qualifier]` or the full ARN. Pure; resolution against the store
// is in ./functions.ts.

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

const FULL = /^arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d):(\d{12}|\*):function:([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const PARTIAL = /^(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/**
 * `accountId` is undefined when the caller left it to the context: not given, or `*` (an API
 * Gateway integration URI may name the account as `*`; the Invoke API's pattern never lets it through).
 */
export function parseFunctionName(input: string): FunctionRef | undefined {
  const full = FULL.exec(input);
  if (full) return { region: full[1], accountId: full[2] === '*' ? undefined : full[2], name: full[3], qualifier: full[4] };
  const partial = PARTIAL.exec(input);
  if (!partial) return undefined;
  // `123456789012:name` is not a partial ARN (it needs `function:`): read as name:qualifier.
  if (partial[1] && !input.includes(':function:')) {
    const [name, qualifier, ...rest] = input.split(':');
    return rest.length === 0 && /^[a-zA-Z0-9_.-]+$/.test(name) ? { name, qualifier } : undefined;
  }
  return { accountId: partial[1], name: partial[2], qualifier: partial[3] };
}

/** The name or ARN without its `:qualifier` suffix, if it has one. */
export function withoutQualifier(input: string): string {
  const q = parseFunctionName(input)?.qualifier;
  return q ? input.slice(0, -(q.length + 1)) : input;
}

export const functionArn = (region: string, accountId: string, name: string, qualifier?: string) =>
  `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;

/** A published version number (`1`, `42`); `$LATEST` and alias names are not. */
export const isVersionNumber = (q: string) => /^\d+$/.test(q);

/** Where a qualifier points: $LATEST, a published version, or an alias. */
export function qualifierKind(q: string | undefined): 'latest' | 'version' | 'alias' {
  if (q === undefined || q === '$LATEST') return 'latest';
  return isVersionNumber(q) ? 'version' : 'alias';
}
