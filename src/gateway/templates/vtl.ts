// Mapping templates (Velocity, through velocityjs): parsed once when a deployment is compiled,
// rendered per request with `$input`, `$context`, `$stageVariables` and `$util`. A template may
// set `$context.requestOverride` / `$context.responseOverride` (status, headers). Rendering never
// throws anything but TemplateError.
import { Compile, parse } from 'velocityjs';
import { headerKey } from '../header-names.js';
import { evaluateJsonPath } from './json-path.js';
import { UTIL } from './util.js';

export class TemplateError extends Error {}

export interface CompiledTemplate {
  readonly source: string;
  /** The template reads or writes `$context`: the caller must pass one (and read its overrides after). */
  readonly usesContext: boolean;
  /** What a template without references or directives renders: itself (callers skip building variables). */
  readonly constant: string | undefined;
  render(variables: TemplateVariables): string;
}

export interface InputParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export interface TemplateVariables {
  /** The payload the template transforms (request body, or the endpoint's response body). */
  body: string;
  /** `$input.params()`, built only when the template asks. */
  params: () => InputParams;
  /** `$context` (a fresh object per render; the template may write its overrides into it). */
  context: Record<string, unknown> | undefined;
  stageVariables: Readonly<Record<string, string>> | null;
}

/** Parses a template; a syntax error is a TemplateError now, not at request time. */
export function compileTemplate(source: string): CompiledTemplate {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(source);
  } catch (err) {
    throw new TemplateError(`Invalid mapping template: ${(err as Error).message}`);
  }
  // A template without references or directives renders as itself: no Velocity at request time.
  const constant = !source.includes('$') && !source.includes('#');
  return {
    source,
    usesContext: /\$!?\{?context\b/.test(source),
    constant: constant ? source : undefined,
    render(variables) {
      if (constant) return source;
      try {
        return new Compile(ast, { escape: false }).render(templateContext(variables));
      } catch (err) {
        throw new TemplateError((err as Error).message);
      }
    },
  };
}

/** A template that failed to parse: the method still deploys (as on AWS), and answers 500 when used. */
export function brokenTemplate(source: string, error: TemplateError): CompiledTemplate {
  return {
    source,
    usesContext: false,
    constant: undefined,
    render() {
      throw error;
    },
  };
}

function parsedBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new TemplateError('Unable to parse the body as JSON');
  }
}

/** Missing stage variables render as '' (AWS-recorded, canary snapshot `nonExistingDefault: ""`). */
function stageVariablesView(variables: Readonly<Record<string, string>> | null): Record<string, string> {
  return new Proxy({ ...variables }, { get: (target, key) => (typeof key === 'string' ? (target[key] ?? '') : undefined) });
}

function templateContext(v: TemplateVariables): Record<string, unknown> {
  let json: unknown;
  let parsed = false;
  const root = () => {
    if (!parsed) {
      json = parsedBody(v.body);
      parsed = true;
    }
    return json;
  };
  const input = {
    body: v.body,
    path: (path: string) => evaluateJsonPath(root(), path),
    json: (path: string) => JSON.stringify(evaluateJsonPath(root(), path ?? '$') ?? null),
    params: (name?: string) => {
      const params = v.params();
      if (name === undefined) return params;
      const found = params.path[name] ?? params.querystring[name] ?? params.header[name];
      if (found !== undefined) return found;
      const key = headerKey(params.header, name.toLowerCase());
      return key === undefined ? '' : params.header[key];
    },
  };
  return { input, context: v.context ?? {}, stageVariables: stageVariablesView(v.stageVariables), util: { ...UTIL } };
}

/** `Text/HTML; charset=utf-8` → `text/html`. */
function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semicolon = header.indexOf(';');
  return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

/** The last non-empty media type of an Accept header ('' when none). */
function lastAccepted(accept: string | undefined): string {
  if (!accept) return '';
  let end = accept.length;
  while (end > 0) {
    const comma = accept.lastIndexOf(',', end - 1);
    const type = mediaType(accept.slice(comma + 1, end));
    if (type) return type;
    end = comma;
  }
  return '';
}

/**
 * The request template for the request's Content-Type (`application/json` when it has none), or
 * undefined: then `passthroughBehavior` decides (steps/integration-request.ts).
 */
export function requestTemplateFor<T>(templates: ReadonlyMap<string, T>, contentType: string | undefined): { mediaType: string; template: T } | undefined {
  const wanted = mediaType(contentType) || 'application/json';
  const template = templates.get(wanted);
  return template === undefined ? undefined : { mediaType: wanted, template };
}

/**
 * The response template for the request's Accept header (its last media type), else
 * `application/json`, else the first one configured (request-response-data-mappings).
 */
export function responseTemplateFor<T>(templates: ReadonlyMap<string, T>, accept: string | undefined): { mediaType: string; template: T } | undefined {
  if (templates.size === 0) return undefined;
  const wanted = lastAccepted(accept);
  const template = wanted ? templates.get(wanted) : undefined;
  if (template !== undefined) return { mediaType: wanted, template };
  const json = templates.get('application/json');
  if (json !== undefined) return { mediaType: 'application/json', template: json };
  const [first] = templates;
  return { mediaType: first[0], template: first[1] };
}
