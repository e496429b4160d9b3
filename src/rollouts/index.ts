// Progressive rollouts: a stage's canary stepped up on a plan, judged by gates on its metrics,
// promoted or rolled back through UpdateStage (machine.ts, scheduler.ts, api.ts).
export { createRolloutsDoor } from './api.js';
export { createRollouts, RolloutError, type Rollouts, type RolloutsDeps, type RolloutCommand } from './rollouts.js';
export type { Rollout, RolloutStatus, HistoryEntry } from './model.js';
export type { RolloutView, RolloutSummary } from './view.js';
