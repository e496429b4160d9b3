// Shared pieces of the CloudWatch Logs integration tests: reading an SDK error as AWS answered it.
export interface Failure {
  name: string;
  status: number | undefined;
  message: string;
}

/** Awaits a call that must fail and returns its AWS error fields; a success fails the test. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded, but an error was expected');
}
