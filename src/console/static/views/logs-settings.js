// Logs tab: execution logging, data trace and detailed metrics for every method
// (`/*/*/logging/loglevel`, `/*/*/logging/dataTrace`, `/*/*/metrics/enabled`) and access logging
// (`/accessLogSettings/destinationArn`, `/accessLogSettings/format`, `remove /accessLogSettings`).
import { h } from '../dom.js';
import { field } from '../fields.js';
import { facts, section } from '../widgets.js';
import { changeForm, checkedOf, valueOf } from './change-form.js';

/** The JSON access log format the AWS console offers as an example. */
export const JSON_FORMAT =
  '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }';

function executionForm(t) {
  const all = t.stage.methodSettings?.['*/*'] ?? {};
  const level = h('select', { id: 'log-level' }, ['OFF', 'ERROR', 'INFO'].map((l) => h('option', { value: l, selected: l === (all.loggingLevel ?? 'OFF') }, l)));
  const trace = h('input', { id: 'log-trace', type: 'checkbox', checked: all.dataTraceEnabled });
  const metrics = h('input', { id: 'log-metrics', type: 'checkbox', checked: all.metricsEnabled });
  const save = h('button', { type: 'submit', class: 'primary', id: 'log-save' }, 'Save logging');
  const form = changeForm(t, {
    save,
    fields: [
      { input: level, path: '/*/*/logging/loglevel', was: all.loggingLevel ?? 'OFF', now: valueOf(level) },
      { input: trace, path: '/*/*/logging/dataTrace', was: String(Boolean(all.dataTraceEnabled)), now: checkedOf(trace) },
      { input: metrics, path: '/*/*/metrics/enabled', was: String(Boolean(all.metricsEnabled)), now: checkedOf(metrics) },
    ],
    children: [
      field('CloudWatch execution log level', level, {
        hint: `Execution logs go to log group API-Gateway-Execution-Logs_${t.apiId}/${t.stageName}; canary requests also to …/Canary.`,
      }).wrap,
      field('Log full requests and responses (data trace)', trace).wrap,
      field('Enable detailed CloudWatch metrics', metrics).wrap,
    ],
    done: 'Logging settings saved.',
  });
  return section('Execution logging', { id: 'execution-logging' }, form);
}

function accessForm(t) {
  const current = t.stage.accessLogSettings ?? {};
  const arn = h('input', { id: 'access-arn', type: 'text', value: current.destinationArn ?? '', autocomplete: 'off', spellcheck: 'false' });
  const format = h('textarea', { id: 'access-format', rows: '4', spellcheck: 'false' }, current.format ?? '');
  const save = h('button', { type: 'submit', class: 'primary', id: 'access-save' }, 'Save access logging');
  const example = h('button', { type: 'button', id: 'access-example' }, 'Fill in an example');
  const off = h('button', { type: 'button', class: 'danger', id: 'access-off' }, 'Turn off access logging');
  example.addEventListener('click', () => {
    const { region, accountId } = t.scope ?? {};
    if (!arn.value) arn.value = `arn:aws:logs:${region ?? 'us-east-1'}:${accountId ?? '000000000000'}:log-group:access-logs-${t.apiId}-${t.stageName}`;
    if (!format.value) format.value = JSON_FORMAT;
    arn.focus();
  });
  const form = changeForm(t, {
    save,
    buttons: [example, t.stage.accessLogSettings ? off : null],
    fields: [
      { input: arn, path: '/accessLogSettings/destinationArn', was: current.destinationArn ?? '', now: valueOf(arn) },
      { input: format, path: '/accessLogSettings/format', was: current.format ?? '', now: valueOf(format) },
    ],
    children: [
      field('Access log destination ARN (a CloudWatch Logs log group)', arn, { hint: 'Canary requests are also written to the same group name followed by /Canary.' }).wrap,
      field('Log format', format, { hint: 'Must contain $context.requestId or $context.extendedRequestId.' }).wrap,
    ],
    where: (err) => (/ARN/.test(err.message) ? arn : /format/i.test(err.message) ? format : undefined),
    done: 'Access logging saved.',
  });
  off.addEventListener('click', () => t.patch(form, off, [{ op: { op: 'remove', path: '/accessLogSettings' }, input: off }], { focusId: 'access-save', done: 'Access logging turned off.' }));
  return section(
    'Access logging',
    { id: 'access-logging' },
    facts([['Status', t.stage.accessLogSettings ? 'on' : 'off']]),
    form,
  );
}

export async function renderLogsTab(t) {
  return { el: h('div', {}, executionForm(t), accessForm(t)) };
}
