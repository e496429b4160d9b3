// Lambda functions for the gateway tests, created through the real Lambda API: zips built with
// yazl from handler source, Python or Node, and API Gateway invoke permissions.
import { AddPermissionCommand, CreateFunctionCommand, GetFunctionCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { ZipFile } from 'yazl';
import type { KanariaFixture } from '../../helpers/kanaria.js';

export const lambdaClient = (k: KanariaFixture) => new LambdaClient(k.clientConfig);

export function zip(files: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const z = new ZipFile();
    for (const [name, text] of Object.entries(files)) z.addBuffer(Buffer.from(text), name);
    z.end();
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** Seed 000's handlers: lambda_function_v1.py / lambda_function_v2.py. */
export const seedHandler = (version: 1 | 2) => `import json

def lambda_handler(event, context):
    print("Lambda ver${version} is called!")
    return {
        'statusCode': 200,
        'body': json.dumps('Hi, This is ver ${version} Lambda!')
    }
`;

export async function createFunction(k: KanariaFixture, name: string, spec: { runtime: string; handler: string; files: Record<string, string>; timeout?: number }): Promise<string> {
  const client = lambdaClient(k);
  const out = await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: spec.runtime as never,
      Handler: spec.handler,
      Role: 'arn:aws:iam::000000000000:role/LambdaExecutionRole',
      Code: { ZipFile: await zip(spec.files) },
      Timeout: spec.timeout ?? 5,
      MemorySize: 128,
    }),
  );
  for (let i = 0; i < 100; i++) {
    const state = (await client.send(new GetFunctionCommand({ FunctionName: name }))).Configuration?.State;
    if (state === 'Active' || state === undefined) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return out.FunctionArn!;
}

export async function pythonFunction(k: KanariaFixture, name: string, module: string, source: string): Promise<string> {
  return createFunction(k, name, { runtime: 'python3.12', handler: `${module}.lambda_handler`, files: { [`${module}.py`]: source } });
}

export async function nodeFunction(k: KanariaFixture, name: string, source: string, timeout?: number): Promise<string> {
  return createFunction(k, name, { runtime: 'nodejs20.x', handler: 'index.handler', files: { 'index.mjs': source }, timeout });
}

/** `aws lambda add-permission --principal apigateway.amazonaws.com --source-arn {execution arn}/*`, as the seed does. */
export async function allowApi(k: KanariaFixture, functionName: string, apiId: string, statementId = 'AllowAPIGatewayInvoke'): Promise<void> {
  await lambdaClient(k).send(
    new AddPermissionCommand({
      FunctionName: functionName,
      StatementId: statementId,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*`,
    }),
  );
}

export async function disallowApi(k: KanariaFixture, functionName: string, statementId = 'AllowAPIGatewayInvoke'): Promise<void> {
  await lambdaClient(k).send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId }));
}

/** The Lambda URI of an AWS / AWS_PROXY integration; `fn` may be `${stageVariables.x}`. */
export const lambdaUri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${fn}/invocations`;
