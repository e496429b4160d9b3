// The wire layer through real clients: service routing, protocol errors, unknown operations.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli } from '../helpers/aws-cli.js';
import { useKanaria } from '../helpers/kanaria.js';
import { announceSkip, hasTool } from '../helpers/tools.js';

describe('wire layer', () => {
  const k = useKanaria({ accountId: '123456789012' });

  it('answers STS GetCallerIdentity (awsQuery XML) to the SDK with the configured account', async () => {
    const sts = new STSClient(k.clientConfig);
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
    expect(out.Arn).toBe('arn:aws:iam::123456789012:root');
  });

  it('answers the AWS CLI', async () => {
    if (!hasTool(AWS_CLI)) return announceSkip('wire: sts get-caller-identity via AWS CLI', 'the AWS CLI (aws)');
    const out = await awsCli(k.url, ['sts', 'get-caller-identity']);
    expect(out.stderr).toBe('');
    expect(out.json.Account).toBe('123456789012');
  });

  it('answers an unknown query action with an XML InvalidAction error', async () => {
    const res = await fetch(k.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: 'Action=Nope&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<Code>InvalidAction</Code>');
    expect(text).toContain('Could not find operation Nope for version 2011-06-15');
  });
});

describe('wire layer: restJson1 errors', () => {
  const k = useKanaria();
  const signed = (service: string) => ({
    'content-type': 'application/json',
    authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`,
  });

  it('rejects malformed JSON with 400 BadRequestException and the parser detail', async () => {
    const res = await fetch(`${k.url}/restapis`, { method: 'POST', headers: signed('apigateway'), body: '{"name": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    const body = await res.json();
    expect(body.message).toMatch(/^Could not parse request body into json: /);
  });

  it('answers an unknown path with UnknownOperationException, not a crash', async () => {
    const res = await fetch(`${k.url}/no/such/thing`, { method: 'DELETE', headers: signed('apigateway') });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('reports enum failures as AWS does (putIntegrationInput.type)', async () => {
    const res = await fetch(`${k.url}/restapis/abc/resources/def/methods/GET/integration`, {
      method: 'PUT',
      headers: signed('apigateway'),
      body: JSON.stringify({ type: 'HTTPS_PROXY' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect((await res.json()).message).toBe(
      "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    );
  });

  it('routes Lambda paths to Lambda and reports its malformed-body error type', async () => {
    const res = await fetch(`${k.url}/2015-03-31/functions`, { method: 'POST', headers: signed('lambda'), body: 'not json' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
  });
});
