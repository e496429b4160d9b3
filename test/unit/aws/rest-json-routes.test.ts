// restJson1 routing: an HTTP method and a path pick one operation of the model, the way the AWS
// SDKs' request URIs are laid out (labels percent-encoded, required query parameters such as
// API Gateway's `?mode=import`, literals winning over labels). Routes are looked up by path length.
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/aws/model.js';
import { findOperation } from '../../../src/aws/protocols/rest-json.js';
import type { ServiceDefinition } from '../../../src/aws/service.js';

const serviceOf = (name: 'lambda' | 'apigateway') => ({ model: loadModel(name) }) as unknown as ServiceDefinition;
const lambda = serviceOf('lambda');
const apigateway = serviceOf('apigateway');

const find = (service: ServiceDefinition, method: string, target: string) => {
  const [path, query = ''] = target.split('?');
  const found = findOperation(service, method, path, new URLSearchParams(query));
  return found && { operation: found.operation.name, labels: found.labels };
};

describe('restJson1 routes', () => {
  it('binds labels, decoding a percent-encoded ARN once', () => {
    expect(find(lambda, 'POST', '/2015-03-31/functions/my-fn/invocations')).toEqual({ operation: 'Invoke', labels: { FunctionName: 'my-fn' } });
    expect(find(lambda, 'POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Amy-fn/invocations')).toEqual({
      operation: 'Invoke',
      labels: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:my-fn' },
    });
    expect(find(lambda, 'GET', '/2015-03-31/functions/my-fn/aliases/live')).toEqual({ operation: 'GetAlias', labels: { FunctionName: 'my-fn', Name: 'live' } });
  });

  it('tells operations of the same method apart by length, literals and required query parameters', () => {
    expect(find(lambda, 'GET', '/2015-03-31/functions/my-fn')?.operation).toBe('GetFunction');
    expect(find(lambda, 'GET', '/2015-03-31/functions/my-fn/configuration')?.operation).toBe('GetFunctionConfiguration');
    expect(find(lambda, 'GET', '/2015-03-31/functions/')?.operation).toBe('ListFunctions');
    expect(find(apigateway, 'POST', '/restapis')?.operation).toBe('CreateRestApi');
    expect(find(apigateway, 'POST', '/restapis?mode=import')?.operation).toBe('ImportRestApi');
    expect(find(apigateway, 'PUT', '/restapis/a1/resources/r1/methods/GET/integration')).toEqual({
      operation: 'PutIntegration',
      labels: { restapi_id: 'a1', resource_id: 'r1', http_method: 'GET' },
    });
  });

  it('finds nothing for an unknown path, method or a malformed escape', () => {
    expect(find(lambda, 'POST', '/2015-03-31/functions/my-fn/nothing-here')).toBeUndefined();
    expect(find(lambda, 'POST', '/2015-03-31/functions/a/b/c/d/e/f/g/h')).toBeUndefined();
    expect(find(lambda, 'PATCH', '/2015-03-31/functions/my-fn')).toBeUndefined();
    expect(find(lambda, 'GET', '/2015-03-31/functions/%E0%A4%A/configuration')).toBeUndefined();
  });
});
