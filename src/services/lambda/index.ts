// AWS Lambda: the function API (functions, versions, aliases, permissions, Invoke) and the
// invoker other parts of Kanaria use. Code runs in src/runtime/.
import type { Operations } from '../../aws/generated/lambda.js';
import { AwsError } from '../../aws/errors.js';
import { loadModel } from '../../aws/model.js';
import type { Handlers, ServiceDefinition } from '../../aws/service.js';
import { WIRE_ERRORS } from '../../aws/wire-errors.js';
import type { Logger } from '../../log.js';
import type { Store } from '../../store/store.js';
import type { LogSink } from '../../telemetry/log-sink.js';
import type { LambdaInvoker } from './invoker.js';

export interface LambdaDeps {
  store: Store;
  logs: LogSink;
  /** Folder for unpacked function code (inside the data directory, or a temporary one). */
  codeDir: string;
  log: Logger;
}

export interface Lambda {
  service: ServiceDefinition;
  invoker: LambdaInvoker;
  dispose(): Promise<void>;
}

export function createLambda(deps: LambdaDeps): Lambda {
  void deps;
  const operations: Handlers<Operations> = {};
  return {
    service: { name: 'lambda', model: loadModel('lambda'), operations, errors: WIRE_ERRORS.lambda, validationPathPrefix: false },
    invoker: {
      invoke: async () => {
        throw new AwsError('ServiceException', 'Lambda is not implemented yet', { status: 500 });
      },
    },
    dispose: async () => {},
  };
}
