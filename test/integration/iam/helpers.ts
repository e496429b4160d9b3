// Shared pieces of the IAM integration tests: the seed's trust policy as Terraform sends it
// (jsonencode sorts keys) and a way to read an SDK error as AWS answered it.
export const SEED_TRUST_POLICY = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}';
export const BASIC_EXECUTION_ARN = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

export interface Failure {
  name: string;
  code: string;
  status: number | undefined;
  message: string;
}

/** Awaits a call that must fail and returns its AWS error fields; a success fails the test. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded, but an error was expected');
}
