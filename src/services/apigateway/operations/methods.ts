// PutMethod, GetMethod, UpdateMethod, DeleteMethod and the method responses (Put, Get, Update,
// Delete). Methods live inside their resource's document; see repository.editResource.
import type { Method, MethodResponse, Operations } from '../../../aws/generated/apigateway.js';
import type { Handlers } from '../../../aws/service.js';
import { badRequest, conflict, MESSAGES } from '../errors.js';
import { editResource, methodOf, repository, responseOf, type ApigatewayDeps } from '../repository.js';
import { setMapEntry } from '../rules/patch.js';
import { checkAuthorization, checkHttpMethod, checkModels, checkRequestParameters, patchMethod, patchMethodResponse } from '../rules/method.js';

export function methodOperations(deps: ApigatewayDeps): Handlers<Operations> {
  return {
    PutMethod: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        checkHttpMethod(input.httpMethod);
        if (resource.resourceMethods?.[input.httpMethod]) throw conflict(MESSAGES.methodExists);
        checkAuthorization(input.authorizationType, input.authorizerId);
        if (input.requestValidatorId) throw badRequest(MESSAGES.requestValidator);
        checkModels(input.requestModels);
        checkRequestParameters(input.requestParameters);
        // [AWS-recorded] put-base-method-response: apiKeyRequired false unless asked.
        const method: Method = {
          httpMethod: input.httpMethod,
          authorizationType: input.authorizationType,
          apiKeyRequired: input.apiKeyRequired ?? false,
          authorizationScopes: input.authorizationScopes,
          operationName: input.operationName,
          requestParameters: input.requestParameters,
          requestModels: input.requestModels,
        };
        setMapEntry(resource, 'resourceMethods', input.httpMethod, method);
        return method;
      }),

    GetMethod: (ctx, input) => methodOf(repository(deps, ctx).resource(input.restApiId, input.resourceId), input.httpMethod),

    UpdateMethod: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = patchMethod(structuredClone(methodOf(resource, input.httpMethod)), input.patchOperations);
        setMapEntry(resource, 'resourceMethods', input.httpMethod, method);
        return method;
      }),

    DeleteMethod: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        methodOf(resource, input.httpMethod);
        setMapEntry(resource, 'resourceMethods', input.httpMethod, undefined);
      }),

    PutMethodResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        checkModels(input.responseModels);
        const response: MethodResponse = {
          statusCode: input.statusCode,
          responseParameters: input.responseParameters,
          responseModels: input.responseModels,
        };
        setMapEntry(method, 'methodResponses', input.statusCode, response);
        return response;
      }),

    GetMethodResponse: (ctx, input) =>
      responseOf(methodOf(repository(deps, ctx).resource(input.restApiId, input.resourceId), input.httpMethod).methodResponses, input.statusCode),

    UpdateMethodResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        const response = patchMethodResponse(structuredClone(responseOf(method.methodResponses, input.statusCode)), input.patchOperations);
        setMapEntry(method, 'methodResponses', input.statusCode, response);
        return response;
      }),

    DeleteMethodResponse: (ctx, input) =>
      editResource(deps, ctx, input, (resource) => {
        const method = methodOf(resource, input.httpMethod);
        responseOf(method.methodResponses, input.statusCode);
        setMapEntry(method, 'methodResponses', input.statusCode, undefined);
      }),
  };
}
