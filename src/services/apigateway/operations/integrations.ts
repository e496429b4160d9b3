// PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration and the integration
// responses. A missing method answers "Invalid Method…" for Put/Get and "Invalid Integration…"
// for Update/Delete of an integration response [AWS-recorded] test_apigateway_api.snapshot.json.
import type { IntegrationResponse, Operations } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { MESSAGES, notFound } from '../errors.js';
import { editResource, integrationOf, methodOf, repository, responseOf, type ApigatewayDeps } from '../repository.js';
import { newIntegration, patchIntegration, patchIntegrationResponse } from '../rules/integration.js';
import { setMapEntry } from '../rules/patch.js';
import type { StoredResource } from '../state.js';

/** The integration of a method, where a missing method counts as a missing integration. */
function existingIntegration(resource: StoredResource, httpMethod: string) {
  const integration = resource.resourceMethods?.[httpMethod]?.methodIntegration;
  if (!integration) throw notFound(MESSAGES.integration);
  return integration;
}

export function integrationOperations(deps: ApigatewayDeps): Handlers<Operations> {
  return {
    // A new PutIntegration replaces the whole integration, its responses included.
    PutIntegration: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        method.methodIntegration = newIntegration(input, resource.id!);
        return method.methodIntegration;
      }),

    GetIntegration: (ctx, input) => integrationOf(methodOf(repository(deps, ctx).resource(input.restApiId, input.resourceId), input.httpMethod)),

    UpdateIntegration: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        method.methodIntegration = patchIntegration(integrationOf(method), input.patchOperations);
        return method.methodIntegration;
      }),

    DeleteIntegration: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        integrationOf(method);
        delete method.methodIntegration;
      }),

    PutIntegrationResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const integration = integrationOf(methodOf(resource, input.httpMethod));
        const response: IntegrationResponse = {
          statusCode: input.statusCode,
          selectionPattern: input.selectionPattern,
          responseParameters: input.responseParameters,
          responseTemplates: input.responseTemplates,
          contentHandling: input.contentHandling,
        };
        setMapEntry(integration, 'integrationResponses', input.statusCode, response);
        return response;
      }),

    GetIntegrationResponse: (ctx, input) =>
      responseOf(integrationOf(methodOf(repository(deps, ctx).resource(input.restApiId, input.resourceId), input.httpMethod)).integrationResponses, input.statusCode),

    UpdateIntegrationResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const integration = existingIntegration(resource, input.httpMethod);
        const response = patchIntegrationResponse(responseOf(integration.integrationResponses, input.statusCode), input.patchOperations);
        setMapEntry(integration, 'integrationResponses', input.statusCode, response);
        return response;
      }),

    DeleteIntegrationResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const integration = existingIntegration(resource, input.httpMethod);
        responseOf(integration.integrationResponses, input.statusCode);
        setMapEntry(integration, 'integrationResponses', input.statusCode, undefined);
      }),
  };
}
