// Shared pieces of the CloudWatch Logs integration tests: an SDK error as AWS answered it (the
// IAM tests' reader, without the query protocol's separate wire code).
import { failure as awsFailure } from '../iam/helpers.js';

export interface Failure {
  name: string;
  status: number | undefined;
  message: string;
}

/** Awaits a call that must fail and returns its AWS error fields; a success fails the test. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  const { name, status, message } = await awsFailure(call);
  return { name, status, message };
}
