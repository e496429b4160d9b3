// Shared pieces of the API Gateway integration tests: an SDK client, a deployable API, raw JSON
// calls (to send bodies exactly as Terraform does), and an assertion for AWS-shaped errors.
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, CreateStageCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { expect } from 'vitest';
import type { KanariaFixture } from '../../helpers/kanaria.js';

export const client = (k: KanariaFixture) => new APIGatewayClient(k.clientConfig);

/** An API whose root has GET with a MOCK integration, so that it can be deployed. */
export async function deployableApi(apigw: APIGatewayClient, name = 'test-api'): Promise<{ apiId: string; rootId: string }> {
  const api = await apigw.send(new CreateRestApiCommand({ name }));
  const apiId = api.id!;
  const rootId = api.rootResourceId!;
  await apigw.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await apigw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: rootId, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }));
  return { apiId, rootId };
}

/** A deployable API with one deployment and a stage `dev` on it (description and variables set). */
export async function withStage(apigw: APIGatewayClient, variables: Record<string, string> = { testVar: 'default' }) {
  const { apiId } = await deployableApi(apigw);
  const d1 = (await apigw.send(new CreateDeploymentCommand({ restApiId: apiId }))).id!;
  await apigw.send(new CreateStageCommand({ restApiId: apiId, stageName: 'dev', deploymentId: d1, description: 'dev stage', variables }));
  return { apiId, d1 };
}

export interface RawAnswer {
  status: number;
  errorType: string | null;
  body: any;
  text: string;
}

/** One API Gateway call with a JSON body sent byte for byte, signed-looking for us-east-1. */
export async function raw(k: KanariaFixture, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const res = await fetch(`${k.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=x',
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: text ? JSON.parse(text) : undefined, text };
}

/** Awaits an SDK call (or starts it, given a thunk) that must fail with this AWS error type, HTTP status and message. */
export async function expectAwsError(
  call: Promise<unknown> | (() => Promise<unknown>),
  expected: { name: string; status: number; message: string | RegExp },
): Promise<void> {
  let error: any;
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (err) {
    error = err;
  }
  expect(error, 'the call should have failed').toBeDefined();
  expect({ name: error.name, status: error.$metadata?.httpStatusCode }).toEqual({ name: expected.name, status: expected.status });
  if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
  else expect(error.message).toMatch(expected.message);
}

/** The answer without SDK metadata, for whole-object comparisons. */
export function body<T extends { $metadata?: unknown }>(answer: T): Omit<T, '$metadata'> {
  const { $metadata, ...rest } = answer;
  void $metadata;
  return rest;
}
