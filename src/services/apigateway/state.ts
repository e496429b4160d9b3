// How API Gateway state is stored, shared by the control plane (which writes it) and the data
// plane in src/gateway/ (which reads stages and deployment snapshots and compiles them).
// Documents hold the AWS shapes of src/aws/generated/apigateway.ts, plus `_`-prefixed internal
// fields that the wire layer never serializes (it writes model members only).
import type { Deployment, Resource, RestApi, Stage } from '../../aws/generated/apigateway.js';

export const KIND = {
  restApi: 'apigateway.restapi',
  resource: 'apigateway.resource',
  deployment: 'apigateway.deployment',
  stage: 'apigateway.stage',
} as const;

export interface ApiScope {
  accountId: string;
  region: string;
}

/** `${accountId}/${region}/${restApiId}`; children of an API are stored under `${apiKey}/…`. */
export const apiKey = (scope: ApiScope, restApiId: string) => `${scope.accountId}/${scope.region}/${restApiId}`;
export const stageKey = (scope: ApiScope, restApiId: string, stageName: string) => `${apiKey(scope, restApiId)}/${stageName}`;
export const deploymentKey = (scope: ApiScope, restApiId: string, deploymentId: string) => `${apiKey(scope, restApiId)}/${deploymentId}`;
export const resourceKey = (scope: ApiScope, restApiId: string, resourceId: string) => `${apiKey(scope, restApiId)}/${resourceId}`;

export interface StoredRestApi extends RestApi {
  _scope: ApiScope;
}

/**
 * A resource with its methods embedded (`resourceMethods`: each Method with its
 * `methodIntegration`, `integrationResponses` and `methodResponses`), as GetResource?embed=methods
 * answers. The control plane keeps one document per resource.
 */
export interface StoredResource extends Resource {
  _restApiId: string;
  _scope: ApiScope;
}

export interface StoredStage extends Stage {
  _restApiId: string;
  _scope: ApiScope;
}

/**
 * A deployment and the immutable snapshot of the API it captured at CreateDeployment: every
 * resource with its methods embedded (`resourceMethods`, each with `methodIntegration` and its
 * `integrationResponses`, and `methodResponses`), exactly as GetResources?embed=methods answers.
 */
export interface StoredDeployment extends Deployment {
  _restApiId: string;
  _scope: ApiScope;
  _snapshot: Resource[];
}
