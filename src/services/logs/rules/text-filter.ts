// Filter patterns over unstructured text, as CloudWatch Logs reads them: terms that must all
// appear (`ERROR timeout`), quoted phrases (`"status 500"`), exclusions (`-DEBUG`), any-of terms
// (`?ERROR ?WARN`) and regular expressions between percent signs (`%user-\d+%`). Case-sensitive.

export class FilterPatternError extends Error {}

interface Term {
  kind: 'required' | 'excluded' | 'optional';
  test: (message: string) => boolean;
}

function literal(text: string): (message: string) => boolean {
  return (message) => message.includes(text);
}

function regex(source: string, pattern: string): (message: string) => boolean {
  try {
    const re = new RegExp(source);
    return (message) => re.test(message);
  } catch {
    throw new FilterPatternError(`Invalid regular expression in filter pattern: ${pattern}`);
  }
}

/** Splits a pattern into its terms, keeping quoted phrases and %regex% terms whole. */
function tokenize(pattern: string): { prefix: '' | '-' | '?'; text: string; quoted: boolean; regex: boolean }[] {
  const out: { prefix: '' | '-' | '?'; text: string; quoted: boolean; regex: boolean }[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (/\s/.test(pattern[i])) {
      i++;
      continue;
    }
    let prefix: '' | '-' | '?' = '';
    if ((pattern[i] === '-' || pattern[i] === '?') && i + 1 < pattern.length && !/\s/.test(pattern[i + 1])) prefix = pattern[i++] as '-' | '?';
    const open = pattern[i];
    if (open === '"' || open === '%') {
      let text = '';
      i++;
      while (i < pattern.length && pattern[i] !== open) {
        if (open === '"' && pattern[i] === '\\' && i + 1 < pattern.length) i++;
        text += pattern[i++];
      }
      if (i >= pattern.length) throw new FilterPatternError(`Unterminated ${open === '"' ? 'quoted phrase' : 'regular expression'} in filter pattern: ${pattern}`);
      i++;
      out.push({ prefix, text, quoted: open === '"', regex: open === '%' });
    } else {
      let text = '';
      while (i < pattern.length && !/\s/.test(pattern[i])) text += pattern[i++];
      out.push({ prefix, text, quoted: false, regex: false });
    }
  }
  return out;
}

/** A predicate for an unstructured-text filter pattern (not `{…}` or `[…]`). */
export function compileTextPattern(pattern: string): (message: string) => boolean {
  const terms: Term[] = tokenize(pattern).map((t) => ({
    kind: t.prefix === '-' ? 'excluded' : t.prefix === '?' ? 'optional' : 'required',
    test: t.regex ? regex(t.text, pattern) : literal(t.text),
  }));
  const required = terms.filter((t) => t.kind === 'required');
  const excluded = terms.filter((t) => t.kind === 'excluded');
  const optional = terms.filter((t) => t.kind === 'optional');
  return (message) =>
    required.every((t) => t.test(message)) && !excluded.some((t) => t.test(message)) && (optional.length === 0 || optional.some((t) => t.test(message)));
}
