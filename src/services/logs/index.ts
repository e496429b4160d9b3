// Amazon CloudWatch Logs: log groups, streams and events. State layout and the functions
// Kanaria's own log writers share: ./state.ts.
export { createLogsService, type LogsDeps } from './service.js';
