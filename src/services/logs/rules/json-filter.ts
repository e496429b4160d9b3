// JSON filter patterns (`{ $.level = "ERROR" && $.latency > 100 }`): selectors into the event's
// JSON (`$.a.b`, `$.list[0]`), comparisons = != < > <= >= against strings (with `*` wildcards)
// and numbers, IS TRUE / FALSE / NULL, NOT EXISTS, && and || with parentheses.
import { FilterPatternError } from './text-filter.js';

type Predicate = (doc: unknown) => boolean;
type Token = { type: 'selector' | 'string' | 'word' | 'number' | 'op' | 'paren' | 'logic'; text: string };

function tokenize(body: string, pattern: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\$(?:\.[\w-]+|\[\d+\]|\.\*)*)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])|(!=|<=|>=|=|<|>)|([()])|(&&|\|\|)|([\w*.:/@-]+))/y;
  let i = 0;
  while (i < body.length) {
    if (/^\s*$/.test(body.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(body);
    if (!m) throw new FilterPatternError(`Invalid filter pattern: ${pattern}`);
    i = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ type: 'selector', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ type: 'string', text: m[2].replace(/\\(.)/g, '$1') });
    else if (m[3] !== undefined) tokens.push({ type: 'number', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ type: 'op', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ type: 'paren', text: m[5] });
    else if (m[6] !== undefined) tokens.push({ type: 'logic', text: m[6] });
    else tokens.push({ type: 'word', text: m[7] });
  }
  return tokens;
}

/** The value at a selector such as `$.a.b[0]`, undefined when any step is missing. */
export function select(doc: unknown, selector: string): unknown {
  let node = doc;
  for (const [, key, index] of selector.slice(1).matchAll(/\.([\w-]+|\*)|\[(\d+)\]/g)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = index !== undefined ? (Array.isArray(node) ? node[Number(index)] : undefined) : (node as Record<string, unknown>)[key];
  }
  return node;
}

const glob = (text: string) => new RegExp(`^${text.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');

function comparison(selector: string, op: string, value: Token): Predicate {
  if (value.type === 'number') {
    const n = Number(value.text);
    const cmp: Record<string, (a: number) => boolean> = { '=': (a) => a === n, '!=': (a) => a !== n, '<': (a) => a < n, '>': (a) => a > n, '<=': (a) => a <= n, '>=': (a) => a >= n };
    return (doc) => {
      const v = select(doc, selector);
      return typeof v === 'number' && cmp[op](v);
    };
  }
  if (op !== '=' && op !== '!=') throw new FilterPatternError(`Operator ${op} needs a number`);
  const re = glob(value.text);
  return (doc) => {
    const v = select(doc, selector);
    if (v === undefined || v === null || typeof v === 'object') return false;
    return re.test(String(v)) === (op === '=');
  };
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[], private readonly pattern: string) {}
  private fail(): never {
    throw new FilterPatternError(`Invalid filter pattern: ${this.pattern}`);
  }
  private next(): Token {
    return this.tokens[this.i++] ?? this.fail();
  }
  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  parse(): Predicate {
    const p = this.or();
    if (this.i !== this.tokens.length) this.fail();
    return p;
  }
  private or(): Predicate {
    const parts = [this.and()];
    while (this.peek()?.text === '||') (this.i++, parts.push(this.and()));
    return parts.length === 1 ? parts[0] : (doc) => parts.some((p) => p(doc));
  }
  private and(): Predicate {
    const parts = [this.unary()];
    while (this.peek()?.text === '&&') (this.i++, parts.push(this.unary()));
    return parts.length === 1 ? parts[0] : (doc) => parts.every((p) => p(doc));
  }
  private unary(): Predicate {
    const t = this.next();
    if (t.text === '(') {
      const inner = this.or();
      if (this.next().text !== ')') this.fail();
      return inner;
    }
    if (t.type !== 'selector') this.fail();
    const op = this.next();
    if (op.type === 'op') {
      const value = this.next();
      if (value.type !== 'string' && value.type !== 'number' && value.type !== 'word') this.fail();
      return comparison(t.text, op.text, value);
    }
    const word = op.text.toUpperCase();
    if (word === 'IS') {
      const what = this.next().text.toUpperCase();
      const expected = ({ TRUE: true, FALSE: false, NULL: null } as Record<string, unknown>)[what];
      if (expected === undefined) this.fail();
      return (doc) => select(doc, t.text) === expected;
    }
    if (word === 'NOT' && this.next().text.toUpperCase() === 'EXISTS') return (doc) => select(doc, t.text) === undefined;
    return this.fail();
  }
}

/** A predicate for a `{ … }` pattern; events whose message is not a JSON object never match. */
export function compileJsonPattern(pattern: string): (message: string) => boolean {
  const trimmed = pattern.trim();
  if (!trimmed.endsWith('}')) throw new FilterPatternError(`Invalid filter pattern: ${pattern}`);
  const predicate = new Parser(tokenize(trimmed.slice(1, -1), pattern), pattern).parse();
  return (message) => {
    let doc: unknown;
    try {
      doc = JSON.parse(message);
    } catch {
      return false;
    }
    return doc !== null && typeof doc === 'object' && predicate(doc);
  };
}
