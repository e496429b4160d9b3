// The generic PATCH engine and the per-resource tables built on it: REST API, method, method
// response, integration, integration response; AWS's two styles of refusal.
import { describe, expect, it } from 'vitest';
import type { Integration, Method, MethodResponse, PatchOperation, RestApi } from '../../../../../src/aws/generated/apigateway.js';
import { AwsError } from '../../../../../src/aws/errors.js';
import { newIntegration, patchIntegration, patchIntegrationResponse } from '../../../../../src/services/apigateway/rules/integration.js';
import { patchMethod, patchMethodResponse } from '../../../../../src/services/apigateway/rules/method.js';
import { applyPatch, pointerSegments, VERBOSE_STYLE, type PatchRule } from '../../../../../src/services/apigateway/rules/patch.js';
import { endpointConfiguration, patchRestApi } from '../../../../../src/services/apigateway/rules/rest-api.js';

function refusal(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    return err as AwsError;
  }
  throw new Error('expected a refusal');
}

describe('pointerSegments', () => {
  it('unescapes ~1 and ~0', () => {
    expect(pointerSegments('/requestTemplates/application~1json')).toEqual(['requestTemplates', 'application/json']);
    expect(pointerSegments('/a~0b')).toEqual(['a~b']);
  });
});

describe('REST API patches [AWS-recorded test_update_rest_api_*]', () => {
  const api: RestApi = { id: 'a', name: 'n', description: 'd', endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] } };
  const ops = (...o: PatchOperation[]) => o;

  it('adds, replaces and removes binary media types like an object', () => {
    const added = patchRestApi(api, ops({ op: 'add', path: '/binaryMediaTypes/image~1png' }, { op: 'add', path: '/binaryMediaTypes/image~1jpeg' }));
    expect(added.binaryMediaTypes).toEqual(['image/png', 'image/jpeg']);
    const replaced = patchRestApi(added, ops({ op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif' }));
    expect(replaced.binaryMediaTypes).toEqual(['image/jpeg', 'image/gif']);
    const removed = patchRestApi(replaced, ops({ op: 'remove', path: '/binaryMediaTypes/image~1gif' }, { op: 'remove', path: '/description' }));
    expect(removed.binaryMediaTypes).toEqual(['image/jpeg']);
    expect('description' in removed).toBe(false);
    expect(api.binaryMediaTypes).toBeUndefined();
  });

  it('refuses the bare list path and ops a path does not take, with AWS texts', () => {
    expect(refusal(() => patchRestApi(api, ops({ op: 'add', path: '/binaryMediaTypes', value: 'image/gif' }))).message).toBe('Invalid patch path /binaryMediaTypes');
    expect(refusal(() => patchRestApi(api, ops({ op: 'add', path: '/minimumCompressionSize', value: '10' }))).message).toBe(
      'Invalid patch operation specified. Must be one of: [replace]',
    );
  });

  it('sets, clears and range-checks the compression size', () => {
    expect(patchRestApi(api, ops({ op: 'replace', path: '/minimumCompressionSize', value: '10' })).minimumCompressionSize).toBe(10);
    expect('minimumCompressionSize' in patchRestApi({ ...api, minimumCompressionSize: 5 }, ops({ op: 'replace', path: '/minimumCompressionSize', value: '' }))).toBe(false);
    for (const value of ['-1', 'test']) {
      expect(refusal(() => patchRestApi(api, ops({ op: 'replace', path: '/minimumCompressionSize', value }))).message).toBe(
        'Invalid minimum compression size, must be between 0 and 10485760',
      );
    }
  });

  it('changes the endpoint type and ip address type with AWS checks', () => {
    const regional = patchRestApi(api, ops({ op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'REGIONAL' }));
    expect(regional.endpointConfiguration).toEqual({ ipAddressType: 'ipv4', types: ['REGIONAL'] });
    const priv = patchRestApi(api, ops({ op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'PRIVATE' }));
    expect(priv.endpointConfiguration).toEqual({ ipAddressType: 'dualstack', types: ['PRIVATE'] });
    expect(refusal(() => patchRestApi(priv, ops({ op: 'replace', path: '/endpointConfiguration/ipAddressType', value: 'ipv4' }))).message).toBe(
      'Only dualstack ipAddressType is supported for Private APIs.',
    );
    expect(refusal(() => patchRestApi(api, ops({ op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'X' }))).message).toBe(
      'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE',
    );
  });

  it('fills the endpoint configuration as CreateRestApi answers it', () => {
    expect(endpointConfiguration(undefined)).toEqual({ ipAddressType: 'ipv4', types: ['EDGE'] });
    expect(endpointConfiguration({ types: ['PRIVATE'] })).toEqual({ ipAddressType: 'dualstack', types: ['PRIVATE'] });
    expect(refusal(() => endpointConfiguration({ types: [] })).message).toBe('REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.');
    expect(refusal(() => endpointConfiguration({ types: ['EDGE', 'REGIONAL'] })).message).toBe('Cannot create an api with multiple Endpoint Types.');
  });
});

describe('the verbose style (resources) [AWS-recorded test_update_resource_behaviour]', () => {
  const rules: PatchRule<{ pathPart?: string }>[] = [
    { path: '/parentId', ops: ['replace'], apply: () => undefined },
    { path: '/pathPart', ops: ['replace'], apply: (t, op) => void (t.pathPart = op.value) },
  ];
  it('lists the paths an op takes, or asks for a supported op', () => {
    expect(refusal(() => applyPatch({}, [{ op: 'replace', path: '/invalid', value: 'x' }], rules, VERBOSE_STYLE)).message).toBe(
      "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
    );
    expect(refusal(() => applyPatch({}, [{ op: 'remove', path: '/pathPart' }], rules, VERBOSE_STYLE)).message).toBe(
      "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations",
    );
  });
});

describe('method and method response patches [AWS-recorded TestApiGatewayApiMethod]', () => {
  const method: Method = { httpMethod: 'ANY', authorizationType: 'NONE', apiKeyRequired: false };

  it('adds and removes request parameters and models, replaces scalars', () => {
    const added = patchMethod(structuredClone(method), [
      { op: 'add', path: '/requestParameters/method.request.querystring.optional', value: 'true' },
      { op: 'add', path: '/requestModels/application~1json', value: 'Empty' },
      { op: 'replace', path: '/operationName', value: 'Op' },
      { op: 'replace', path: '/apiKeyRequired', value: 'true' },
    ]);
    expect(added).toEqual({
      httpMethod: 'ANY',
      authorizationType: 'NONE',
      apiKeyRequired: true,
      operationName: 'Op',
      requestParameters: { 'method.request.querystring.optional': true },
      requestModels: { 'application/json': 'Empty' },
    });
    const removed = patchMethod(added, [
      { op: 'remove', path: '/requestParameters/method.request.querystring.optional' },
      { op: 'remove', path: '/requestModels/application~1json' },
    ]);
    expect('requestParameters' in removed || 'requestModels' in removed).toBe(false);
  });

  it('refuses with AWS texts', () => {
    expect(refusal(() => patchMethod(structuredClone(method), [{ op: 'add', path: '/apiKeyRequired', value: 'true' }])).message).toBe(
      'Invalid patch operation specified. Must be one of: [replace]',
    );
    expect(refusal(() => patchMethod(structuredClone(method), [{ op: 'replace', path: '/httpMethod', value: 'GET' }])).message).toBe('Invalid patch path /httpMethod');
    expect(refusal(() => patchMethod(structuredClone(method), [{ op: 'add', path: '/requestParameters', value: 'x' }])).message).toBe(
      'Invalid patch path /requestParameters',
    );
    expect(refusal(() => patchMethod(structuredClone(method), [{ op: 'replace', path: '/authorizationType', value: 'CUSTOM' }])).message).toBe(
      'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
    );
  });

  it('answers 404s for missing response parameters and models', () => {
    const response: MethodResponse = { statusCode: '200' };
    const missingParam = refusal(() => patchMethodResponse(structuredClone(response), [{ op: 'remove', path: '/responseParameters/method.response.header.x' }]));
    expect([missingParam.code, missingParam.message]).toEqual(['NotFoundException', 'Invalid parameter name specified']);
    const missingModel = refusal(() => patchMethodResponse(structuredClone(response), [{ op: 'remove', path: '/responseModels/application~1json' }]));
    expect([missingModel.code, missingModel.message]).toEqual(['NotFoundException', 'Content-Type specified was not found']);
    expect(
      patchMethodResponse(structuredClone(response), [{ op: 'add', path: '/responseParameters/method.response.header.my-header', value: 'false' }]),
    ).toEqual({ statusCode: '200', responseParameters: { 'method.response.header.my-header': false } });
  });
});

describe('integration patches', () => {
  const base: Integration = newIntegration(
    { restApiId: 'a', resourceId: 'r', httpMethod: 'GET', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations' },
    'r',
  );

  it('fills AWS defaults and omits what was not sent', () => {
    expect(base).toEqual({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations',
      connectionType: 'INTERNET',
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 29000,
      cacheNamespace: 'r',
      cacheKeyParameters: [],
    });
    expect(JSON.parse(JSON.stringify(base))).toEqual(base);
    expect(Object.entries(base).filter(([, v]) => v !== undefined).map(([k]) => k)).not.toContain('requestTemplates');
  });

  it('patches templates, parameters and scalars, and re-checks the uri', () => {
    const out = patchIntegration(base, [
      { op: 'add', path: '/requestTemplates/application~1json', value: '{}' },
      { op: 'add', path: '/requestParameters/integration.request.header.x', value: "'v'" },
      { op: 'replace', path: '/timeoutInMillis', value: '1000' },
    ]);
    expect(out).toMatchObject({ requestTemplates: { 'application/json': '{}' }, requestParameters: { 'integration.request.header.x': "'v'" }, timeoutInMillis: 1000 });
    expect(refusal(() => patchIntegration(base, [{ op: 'replace', path: '/timeoutInMillis', value: '10' }])).message).toBe(
      'Timeout should be between 50 ms and 29000 ms',
    );
    expect(
      refusal(() =>
        patchIntegration(base, [{ op: 'replace', path: '/uri', value: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${stageVariables.f}/invocations' }]),
      ).message,
    ).toBe('Invalid lambda function');
    expect(base.timeoutInMillis).toBe(29000);
  });

  it('patches integration responses', () => {
    const out = patchIntegrationResponse({ statusCode: '200', selectionPattern: '' }, [
      { op: 'replace', path: '/selectionPattern', value: 'updated-pattern' },
      { op: 'replace', path: '/responseTemplates/application~1json', value: '"x"' },
    ]);
    expect(out).toEqual({ statusCode: '200', selectionPattern: 'updated-pattern', responseTemplates: { 'application/json': '"x"' } });
  });
});
