// Amazon API Gateway (REST v1) control plane: REST APIs, resources, methods, integrations,
// deployments, stages with canary settings. State layout: ./state.ts.
import type { Operations } from '../../aws/generated/apigateway.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Store } from '../../store/store.js';

export interface ApigatewayDeps {
  store: Store;
}

export function createApigatewayService(deps: ApigatewayDeps): ServiceDefinition {
  void deps;
  const operations: Handlers<Operations> = {};
  return { name: 'apigateway', model: loadModel('apigateway'), operations, errors: WIRE_ERRORS.apigateway, validationPathPrefix: true };
}
