// Amazon API Gateway (REST v1) control plane: REST APIs, resources, methods, integrations,
// deployments, stages with canary settings, tags. State layout: ./state.ts; rules: ./rules/.
import type { Operations } from '../../aws/generated/apigateway.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import { deploymentOperations } from './operations/deployments.js';
import { integrationOperations } from './operations/integrations.js';
import { methodOperations } from './operations/methods.js';
import { resourceOperations } from './operations/resources.js';
import { restApiOperations } from './operations/rest-apis.js';
import { stageOperations } from './operations/stages.js';
import { tagOperations } from './operations/tags.js';
import type { ApigatewayDeps } from './repository.js';

export type { ApigatewayDeps };

export function createApigatewayService(deps: ApigatewayDeps): ServiceDefinition {
  const operations: Handlers<Operations> = {
    ...restApiOperations(deps),
    ...resourceOperations(deps),
    ...methodOperations(deps),
    ...integrationOperations(deps),
    ...deploymentOperations(deps),
    ...stageOperations(deps),
    ...tagOperations(deps),
  };
  return { name: 'apigateway', model: loadModel('apigateway'), operations, errors: WIRE_ERRORS.apigateway, validationPathPrefix: true };
}
