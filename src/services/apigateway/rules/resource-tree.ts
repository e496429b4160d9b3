// The resource tree's rules: what a path part may be, where a child may go, and how paths follow
// a rename or a move. Pure: works on the list of an API's resources.
import type { Resource } from '../../../aws/generated/apigateway.js';
import { badRequest, conflict, MESSAGES } from '../errors.js';

/** Letters, digits, `._-`, or one `{name}` / `{name+}` [AWS text via moto, see errors.ts]. */
const PATH_PART = /^(?:[A-Za-z0-9._-]+|\{[A-Za-z0-9._-]+\+?\})$/;

export const isVariable = (pathPart: string | undefined) => !!pathPart && pathPart.startsWith('{');
export const isGreedy = (pathPart: string | undefined) => !!pathPart && pathPart.endsWith('+}');
export const childPath = (parentPath: string, pathPart: string) => (parentPath === '/' ? `/${pathPart}` : `${parentPath}/${pathPart}`);

/**
 * Refuses a child `pathPart` under `parent` among `resources` (the API's resources, `self` being
 * the resource moved or renamed, if any) [AWS-recorded] test_create_proxy_resource_validation.
 * Recorded AWS answers disagree on a variable next to a variable sibling below a non-root
 * parent; Kanaria applies the rule its message states everywhere: one variable per parent.
 */
export function checkChild(resources: Resource[], parent: Resource, pathPart: string, selfId?: string): void {
  if (!PATH_PART.test(pathPart)) throw badRequest(MESSAGES.pathPart);
  if (isGreedy(parent.pathPart)) throw badRequest(MESSAGES.greedyParent(parent.pathPart!));
  const siblings = resources.filter((r) => r.parentId === parent.id && r.id !== selfId);
  if (siblings.some((s) => s.pathPart === pathPart)) throw conflict(MESSAGES.siblingName(pathPart));
  const variable = siblings.find((s) => isVariable(s.pathPart));
  if (isVariable(pathPart) && variable) throw badRequest(MESSAGES.variableSibling(variable.pathPart!));
}

/** True when `candidateId` is `resourceId` or below it. */
export function isWithin(resources: Resource[], candidateId: string, resourceId: string): boolean {
  const byId = new Map(resources.map((r) => [r.id, r]));
  for (let r = byId.get(candidateId); r; r = r.parentId ? byId.get(r.parentId) : undefined) {
    if (r.id === resourceId) return true;
  }
  return false;
}

/** `resourceId` and every resource below it, parents first. */
export function subtree<R extends Resource>(resources: R[], resourceId: string): R[] {
  const out = resources.filter((r) => r.id === resourceId);
  for (let i = 0; i < out.length; i++) out.push(...resources.filter((r) => r.parentId === out[i].id));
  return out;
}

/** Recomputes `path` below `root` (whose own path is already right); returns the resources changed. */
export function repath<R extends Resource>(resources: R[], root: R): R[] {
  const changed: R[] = [];
  const walk = (parent: R) => {
    for (const child of resources.filter((r) => r.parentId === parent.id)) {
      child.path = childPath(parent.path!, child.pathPart!);
      changed.push(child);
      walk(child);
    }
  };
  walk(root);
  return changed;
}
