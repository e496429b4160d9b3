// Deploys the seed scenario through the AWS APIs (the same calls a CLI user makes): two
// functions answering "ver 1" and "ver 2", a REST API whose root GET calls the function named by
// the stage variable `lambda_function_name`, a `dev` stage on v1 and a canary overriding it with v2.
import { fileURLToPath } from 'node:url';
import { awsRest } from '../aws-rest.js';
import { zipFiles } from './zip.js';

export type DemoRuntime = 'python' | 'node';

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

const HANDLERS: Record<DemoRuntime, { runtime: string; handler: (v: number) => string; files: (v: number) => string[] }> = {
  python: {
    runtime: 'python3.12',
    handler: (v) => `lambda_function_v${v}.lambda_handler`,
    files: (v) => [`${EXAMPLES}terraform-canary/lambda_function_v${v}.py`],
  },
  node: {
    runtime: 'nodejs20.x',
    handler: () => 'index.handler',
    files: (v) => [`${EXAMPLES}node-canary/v${v}/index.mjs`],
  },
};

export interface DemoDeployment {
  restApiId: string;
  stageName: string;
  functionNames: [string, string];
  baseDeploymentId: string;
  canaryDeploymentId: string;
}

export interface DeployOptions {
  endpoint: string;
  runtime: DemoRuntime;
  percentTraffic: number;
  accountId: string;
  region: string;
  /** Appended to resource names so that several demos can share one server. */
  suffix: string;
}

export async function deployScenario(o: DeployOptions): Promise<DemoDeployment> {
  const { endpoint, region } = o;
  const spec = HANDLERS[o.runtime];
  const functionNames: [string, string] = [`kanaria_demo_v1_${o.suffix}`, `kanaria_demo_v2_${o.suffix}`];

  const api = await awsRest(endpoint, 'apigateway', 'POST', '/restapis', { name: `kanaria-demo-${o.suffix}`, description: 'kanaria demo: a 90/10 canary' });
  const restApiId: string = api.id;
  const sourceArn = `arn:aws:execute-api:${region}:${o.accountId}:${restApiId}/*`;

  for (const [i, name] of functionNames.entries()) {
    const zip = await zipFiles(spec.files(i + 1));
    await awsRest(endpoint, 'lambda', 'POST', '/2015-03-31/functions', {
      FunctionName: name,
      Runtime: spec.runtime,
      Handler: spec.handler(i + 1),
      Role: `arn:aws:iam::${o.accountId}:role/kanaria-demo`,
      Code: { ZipFile: zip.toString('base64') },
      MemorySize: 128,
      Timeout: 5,
    });
    await awsRest(endpoint, 'lambda', 'POST', `/2015-03-31/functions/${name}/policy`, {
      StatementId: 'AllowApiGatewayInvoke',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sourceArn,
    });
  }

  const rootId: string = api.rootResourceId;
  await awsRest(endpoint, 'apigateway', 'PUT', `/restapis/${restApiId}/resources/${rootId}/methods/GET`, { authorizationType: 'NONE' });
  await awsRest(endpoint, 'apigateway', 'PUT', `/restapis/${restApiId}/resources/${rootId}/methods/GET/integration`, {
    type: 'AWS_PROXY',
    httpMethod: 'POST',
    uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${o.accountId}:function:\${stageVariables.lambda_function_name}/invocations`,
  });

  const stageName = 'dev';
  const base = await awsRest(endpoint, 'apigateway', 'POST', `/restapis/${restApiId}/deployments`, {
    stageName,
    description: 'version 1',
    variables: { lambda_function_name: functionNames[0] },
  });
  const canary = await awsRest(endpoint, 'apigateway', 'POST', `/restapis/${restApiId}/deployments`, {
    stageName,
    description: 'version 2 as a canary',
    canarySettings: { percentTraffic: o.percentTraffic, stageVariableOverrides: { lambda_function_name: functionNames[1] } },
  });
  return { restApiId, stageName, functionNames, baseDeploymentId: base.id, canaryDeploymentId: canary.id };
}

/** Promotes the canary as the AWS guide does (copy deployment and overrides), then removes it. */
export async function promoteCanary(endpoint: string, d: DemoDeployment): Promise<void> {
  await awsRest(endpoint, 'apigateway', 'PATCH', `/restapis/${d.restApiId}/stages/${d.stageName}`, {
    patchOperations: [
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
    ],
  });
  await awsRest(endpoint, 'apigateway', 'PATCH', `/restapis/${d.restApiId}/stages/${d.stageName}`, {
    patchOperations: [{ op: 'remove', path: '/canarySettings' }],
  });
}
