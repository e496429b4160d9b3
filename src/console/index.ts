// The web console: static assets under ./static and the JSON API the live view reads.
export { createConsoleDoor, type ConsoleDeps } from './console-door.js';
export { liveView, LiveQuerySchema, type LiveQuery, type LiveView } from './live-api.js';
