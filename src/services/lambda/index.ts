// AWS Lambda: the function API (functions, versions, aliases, permissions, Invoke) and the
// invoker other parts of Kanaria use. Code runs in src/runtime/.
export { createLambda, type Lambda, type LambdaDeps } from './service.js';
export type { InvokeRequest, InvokeResult, LambdaInvoker } from './invoker.js';
