// How functions are stored: one document per function (kind `lambda.function`, id
// `account/region/name`) holding $LATEST, the published versions, aliases, resource policies and
// tags, so every read-modify-write is one transaction. Reads on the invoke path come from a cache
// the store's change feed keeps current, never from the database.
import type { AliasRoutingConfiguration, FunctionConfiguration } from '../../aws/generated/lambda.js';
import type { Store } from '../../store/store.js';
import type { PolicyStatement } from './rules/policy.js';

export const FUNCTION_KIND = 'lambda.function';

export interface StoredVersion {
  /** The configuration in AWS's shape, without FunctionArn (derived when answering). */
  config: FunctionConfiguration;
  /** sha256 of the zip, hex: the folder of the unpacked code. */
  codeHex: string;
  /** Changes with code or configuration (not with permissions): warm workers of another revision retire. */
  revision: string;
}

export interface StoredAlias {
  Name: string;
  FunctionVersion: string;
  Description: string;
  RevisionId: string;
  RoutingConfig?: AliasRoutingConfiguration;
}

export interface StoredFunction {
  accountId: string;
  region: string;
  name: string;
  latest: StoredVersion;
  versions: Record<string, StoredVersion>;
  nextVersion: number;
  /** $LATEST's revision when a version was last published (PublishVersion reuses it when unchanged). */
  lastPublished?: { revision: string; version: string };
  aliases: Record<string, StoredAlias>;
  /** Resource-policy statements by qualifier: `$LATEST` (the unqualified function), a version or an alias. */
  policies: Record<string, PolicyStatement[]>;
  tags: Record<string, string>;
  reservedConcurrency?: number;
}

export const functionId = (accountId: string, region: string, name: string) => `${accountId}/${region}/${name}`;

export interface FunctionRecords {
  get(accountId: string, region: string, name: string): StoredFunction | undefined;
  /** Functions of one account and region, in name order. */
  list(accountId: string, region: string): StoredFunction[];
  /** Read-modify-write in one transaction; `fn` returns the new document, null to delete, undefined to keep. */
  update<R>(accountId: string, region: string, name: string, fn: (current: StoredFunction | undefined) => { next?: StoredFunction | null; result: R }): R;
  dispose(): void;
}

export function createFunctionRecords(store: Store): FunctionRecords {
  // By account, then region, then name: every invocation looks its function up, and an id joined
  // from the three was a new string to copy and hash each time (~1.6 µs a call in situ, 2026-11-23).
  const cache = new Map<string, Map<string, Map<string, StoredFunction | null>>>();
  function namesOf(accountId: string, region: string): Map<string, StoredFunction | null> {
    let regions = cache.get(accountId);
    if (!regions) cache.set(accountId, (regions = new Map()));
    let names = regions.get(region);
    if (!names) regions.set(region, (names = new Map()));
    return names;
  }
  const unsubscribe = store.onChange((e) => {
    if (e.kind !== FUNCTION_KIND) return;
    // Names and regions hold no `/` (the ARN rules), so the id splits back into its three parts.
    const [accountId, region, name] = e.id.split('/');
    namesOf(accountId, region).set(name, (e.data as StoredFunction | undefined) ?? null);
  });
  return {
    get(accountId, region, name) {
      const names = namesOf(accountId, region);
      let hit = names.get(name);
      if (hit === undefined) {
        hit = store.get<StoredFunction>(FUNCTION_KIND, functionId(accountId, region, name))?.data ?? null;
        names.set(name, hit);
      }
      return hit ?? undefined;
    },
    list(accountId, region) {
      return store.list<StoredFunction>(FUNCTION_KIND, `${accountId}/${region}/`).map((d) => d.data);
    },
    update(accountId, region, name, fn) {
      const id = functionId(accountId, region, name);
      return store.transaction(() => {
        const doc = store.get<StoredFunction>(FUNCTION_KIND, id);
        const { next, result } = fn(doc?.data);
        if (next) store.put(FUNCTION_KIND, id, next, doc?.version ?? 0);
        else if (next === null && doc) store.delete(FUNCTION_KIND, id);
        return result;
      });
    },
    dispose: unsubscribe,
  };
}
