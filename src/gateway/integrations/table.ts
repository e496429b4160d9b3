// Integrations by type: the one table the integration steps dispatch on (style guide: INTEGRATIONS).
import type { IntegrationType } from '../compile-method.js';
import { aws } from './aws.js';
import { awsProxy } from './aws-proxy.js';
import { httpIntegration } from './http.js';
import { httpProxy } from './http-proxy.js';
import type { Integration } from './integration.js';
import { mock } from './mock.js';

export const INTEGRATIONS: Record<IntegrationType, Integration> = {
  AWS: aws,
  AWS_PROXY: awsProxy,
  HTTP: httpIntegration,
  HTTP_PROXY: httpProxy,
  MOCK: mock,
};

export type { Integration };
