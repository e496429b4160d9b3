// The errors each service answers when the wire layer rejects a request before an operation
// runs: unreadable bodies, model constraint failures, unknown and unimplemented operations.
import { AwsError, type WireErrors } from './errors.js';
import type { ServiceName } from './model.js';

const notImplemented = (operation: string) =>
  new AwsError('NotImplementedException', `Kanaria does not implement the ${operation} operation yet`, { status: 501, senderFault: false });

const restJsonErrors = (malformedCode: string): WireErrors => ({
  malformed: (detail) => new AwsError(malformedCode, `Could not parse request body into json: ${detail}`, { status: 400 }),
  validation: (message) => new AwsError('ValidationException', message, { status: 400 }),
  unknownOperation: (detail) => new AwsError('UnknownOperationException', `Unknown operation ${detail}`, { status: 404 }),
  notImplemented,
});

const queryErrors = (version: string): WireErrors => ({
  malformed: (detail) => new AwsError('MalformedInput', detail, { status: 400 }),
  validation: (message) => new AwsError('ValidationError', message, { status: 400 }),
  unknownOperation: (action) =>
    action
      ? new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, { status: 400 })
      : new AwsError('MissingAction', 'Missing Action', { status: 400 }),
  notImplemented,
});

export const WIRE_ERRORS: Record<ServiceName, WireErrors> = {
  apigateway: restJsonErrors('BadRequestException'),
  lambda: restJsonErrors('InvalidRequestContentException'),
  iam: queryErrors('2010-05-08'),
  sts: queryErrors('2011-06-15'),
  logs: {
    malformed: (detail) => new AwsError('SerializationException', detail, { status: 400 }),
    validation: (message) => new AwsError('InvalidParameterException', message, { status: 400 }),
    unknownOperation: (target) => new AwsError('UnknownOperationException', `Unknown operation ${target}`, { status: 400 }),
    notImplemented,
  },
};
