// Where rollouts live: one `kanaria.rollout` document per rollout, id = the rollout's id, so a
// rollout survives a restart with its step, hold times and history. A stage's sticky routing is
// written here too, through the gateway's own helper, in the same transaction as the rollout.
import { putStickyRouting } from '../gateway/sticky-routing.js';
import { stageKey } from '../services/apigateway/state.js';
import type { Store } from '../store/store.js';
import { isActive, type Rollout } from './model.js';

export const ROLLOUT_KIND = 'kanaria.rollout';

export interface RolloutFilter {
  restApiId?: string;
  stageName?: string;
  /** Only rollouts in progress (or only ended ones with false). */
  active?: boolean;
}

export interface RolloutRepository {
  get(id: string): Rollout | undefined;
  /** Matching rollouts, newest first. */
  list(filter?: RolloutFilter): Rollout[];
  /** The rollout in progress on a stage, if any. */
  activeOn(ref: { accountId: string; region: string; restApiId: string; stageName: string }): Rollout | undefined;
  put(rollout: Rollout): void;
  /** Sticky routing of the rollout's stage on (keyed by the rollout's id as salt) or off. */
  setSticky(rollout: Rollout, on: boolean): void;
  /** Runs `fn` atomically with every store write inside it (stage patches included). */
  transaction<R>(fn: () => R): R;
}

export function rolloutRepository(store: Store): RolloutRepository {
  const all = () => store.list<Rollout>(ROLLOUT_KIND).map((d) => d.data);
  const repo: RolloutRepository = {
    get: (id) => store.get<Rollout>(ROLLOUT_KIND, id)?.data,
    list(filter = {}) {
      return all()
        .filter((r) => filter.restApiId === undefined || r.restApiId === filter.restApiId)
        .filter((r) => filter.stageName === undefined || r.stageName === filter.stageName)
        .filter((r) => filter.active === undefined || isActive(r.status) === filter.active)
        .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    },
    activeOn: (ref) =>
      all().find((r) => isActive(r.status) && r.accountId === ref.accountId && r.region === ref.region && r.restApiId === ref.restApiId && r.stageName === ref.stageName),
    put: (rollout) => void store.put(ROLLOUT_KIND, rollout.id, rollout),
    setSticky(rollout, on) {
      const stageId = stageKey(rollout, rollout.restApiId, rollout.stageName);
      putStickyRouting(store, stageId, on && rollout.sticky ? { ...rollout.sticky, salt: rollout.id } : null);
    },
    transaction: (fn) => store.transaction(fn),
  };
  return repo;
}
