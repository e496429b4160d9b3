// Stage variables at request time: the set a request sees (the stage's, or for a canary request
// the stage's overlaid with the canary overrides) and `${stageVariables.name}` substitution in
// integration URIs (Lambda function names and aliases inside ARNs, HTTP URLs, credentials).
// Mapping templates read them as `$stageVariables` (templates/).

export type StageVariables = Readonly<Record<string, string>>;

/**
 * The stage variables of a canary request: the stage's, overlaid by `stageVariableOverrides`
 * (overrides win, new names are added, the rest keep the stage value). [AWS-recorded]
 * `test_invoking_canary_deployment` in localstack's test_apigateway_canary.snapshot.json.
 */
export function canaryStageVariables(variables: Record<string, string> | undefined, overrides: Record<string, string> | undefined): Record<string, string> {
  return { ...variables, ...overrides };
}

const REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** True when `text` holds at least one `${stageVariables.x}` (decided once, when a deployment is compiled). */
export function hasStageVariables(text: string): boolean {
  return text.includes('${stageVariables.');
}

/**
 * Replaces every `${stageVariables.name}` with the variable's value; a variable the stage does not
 * define becomes the empty string (as mapping templates render it, AWS-recorded in the canary
 * snapshot: production sees `nonExistingDefault: ""`).
 */
export function renderStageVariables(text: string, variables: StageVariables | null): string {
  return text.replace(REFERENCE, (_m, name: string) => variables?.[name] ?? '');
}
