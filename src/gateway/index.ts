// The API Gateway data plane: stage invocations with canary routing (see chain.ts for the steps).
export { createGateway, type Gateway, type GatewayDeps } from './gateway.js';
export { invokeUrls, type InvokeUrls } from './invoke-url.js';
export type { StageSummary } from './kanaria-api.js';
