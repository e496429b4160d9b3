// Mapping templates (Velocity through velocityjs) with API Gateway's variables: $input.json /
// path / params / body, $context, $stageVariables, $util; #set, #if, #foreach; JSONPath.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../../src/gateway/templates/json-path.js';
import { escapeJavaScript, urlDecode, urlEncode } from '../../../src/gateway/templates/util.js';
import { compileTemplate, requestTemplateFor, responseTemplateFor, TemplateError, type TemplateVariables } from '../../../src/gateway/templates/vtl.js';

const vars = (over: Partial<TemplateVariables> = {}): TemplateVariables => ({
  body: '{"name":"Rex","tags":["a","b"],"owner":{"id":7},"n":null}',
  params: () => ({ path: { petId: '42' }, querystring: { q: 'x y' }, header: { 'X-Trace': 't1' } }),
  context: { requestId: 'rid', stage: 'dev', responseOverride: { header: {}, status: undefined } },
  stageVariables: { color: 'blue' },
  ...over,
});

const render = (source: string, over?: Partial<TemplateVariables>) => compileTemplate(source).render(vars(over));

describe('mapping templates', () => {
  it('reads the payload with $input.json, $input.path and $input.body', () => {
    expect(render(`$input.json('$.owner')`)).toBe('{"id":7}');
    expect(render(`$input.json('$')`)).toBe('{"name":"Rex","tags":["a","b"],"owner":{"id":7},"n":null}');
    expect(render(`$input.json('$.missing')`)).toBe('null');
    expect(render(`$input.path('$.name') has $input.path('$.tags').size() tags`)).toBe('Rex has 2 tags');
    expect(render(`$input.body`)).toBe(vars().body);
  });

  it('reads parameters with $input.params (path, then query string, then header)', () => {
    expect(render(`$input.params('petId')|$input.params('q')|$input.params('X-Trace')|$input.params('x-trace')|$input.params('none')|`)).toBe('42|x y|t1|t1||');
    expect(render(`$input.params().path.petId $input.params().querystring.q`)).toBe('42 x y');
  });

  it('gives $context and $stageVariables, a missing stage variable rendering empty', () => {
    expect(render(`$context.requestId/$context.stage/$stageVariables.color/[$stageVariables.nothing]`)).toBe('rid/dev/blue/[]');
    expect(render(`[$stageVariables.nothing]`, { stageVariables: null })).toBe('[]');
  });

  it('runs #set, #if/#else and #foreach', () => {
    const t = `#set($root = $input.path('$'))#if($root.name == "Rex")dog#{else}cat#end:#foreach($t in $root.tags)$t#if($foreach.hasNext),#end#end`;
    expect(render(t)).toBe('dog:a,b');
  });

  it('lets a template override the response status and headers through $context.responseOverride', () => {
    const context = { responseOverride: { header: {} as Record<string, string>, status: undefined as unknown } };
    compileTemplate(`#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-Tea = "pot")`).render(vars({ context }));
    expect(context.responseOverride.status).toBe(418);
    expect(context.responseOverride.header['X-Tea']).toBe('pot');
  });

  it('offers $util.escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode, parseJson', () => {
    expect(render(`$util.urlEncode("a b&c")|$util.urlDecode("a+b%26c")|$util.base64Encode("hi")|$util.base64Decode("aGk=")`)).toBe('a+b%26c|a b&c|aGk=|hi');
    expect(render(`#set($o = $util.parseJson('{"k":[1,2]}'))$o.k.size()`)).toBe('2');
  });

  it('renders a template without references or directives as itself, and knows which read $context', () => {
    const constant = compileTemplate('{"statusCode": 200}');
    expect(constant.render(vars({ body: 'not json' }))).toBe('{"statusCode": 200}');
    expect(constant.usesContext).toBe(false);
    expect(compileTemplate('$context.stage').usesContext).toBe(true);
    expect(compileTemplate('$!{context.stage}').usesContext).toBe(true);
    expect(compileTemplate('$input.body').usesContext).toBe(false);
  });

  it('fails with TemplateError, never anything else, on bad input or syntax', () => {
    expect(() => compileTemplate('#if(')).toThrow(TemplateError);
    expect(() => render(`$input.json('$.a')`, { body: 'not json' })).toThrow(TemplateError);
    expect(() => render(`$util.parseJson('{')`)).toThrow(TemplateError);
  });
});

describe('template selection', () => {
  const map = new Map([
    ['application/json', 'J'],
    ['application/xml', 'X'],
  ]);
  it('picks the request template by Content-Type, application/json without one, none otherwise', () => {
    expect(requestTemplateFor(map, 'application/xml; charset=utf-8')?.template).toBe('X');
    expect(requestTemplateFor(map, undefined)?.template).toBe('J');
    expect(requestTemplateFor(map, 'text/plain')).toBeUndefined();
  });
  it('picks the response template by Accept, else application/json, else the first', () => {
    expect(responseTemplateFor(map, 'text/html, application/xml')?.template).toBe('X');
    expect(responseTemplateFor(map, 'text/html')?.template).toBe('J');
    expect(responseTemplateFor(new Map([['text/plain', 'T']]), 'text/html')?.template).toBe('T');
    expect(responseTemplateFor(new Map(), 'text/html')).toBeUndefined();
  });
});

describe('$util escapes', () => {
  it('escapes as commons-lang escapeJavaScript', () => {
    expect(escapeJavaScript(`it's "x"\\/\n\t`)).toBe(`it\\'s \\"x\\"\\\\\\/\\n\\t`);
    expect(escapeJavaScript('é')).toBe('\\u00E9');
    expect(escapeJavaScript(null)).toBe('');
  });
  it('url-encodes as a form (java.net.URLEncoder)', () => {
    expect(urlEncode("a b*~'()")).toBe("a+b*%7E%27%28%29");
    expect(urlDecode('%E3%81%82+x')).toBe('あ x');
  });
});

describe('JSONPath subset', () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }] }, 'k-y': 3, list: [10, 20, 30] };
  it('evaluates dotted, bracketed, indexed, wildcard and deep paths', () => {
    expect(evaluateJsonPath(doc, '$')).toBe(doc);
    expect(evaluateJsonPath(doc, '$.a.b[1].c')).toBe(2);
    expect(evaluateJsonPath(doc, "$['k-y']")).toBe(3);
    expect(evaluateJsonPath(doc, '$.list[-1]')).toBe(30);
    expect(evaluateJsonPath(doc, '$.a.b[*].c')).toEqual([1, 2]);
    expect(evaluateJsonPath(doc, '$..c')).toEqual([1, 2]);
    expect(evaluateJsonPath(doc, '$.nope.x')).toBeUndefined();
    expect(evaluateJsonPath(doc, 'nope')).toBeUndefined();
  });
});
