// The retention periods CloudWatch Logs accepts (PutRetentionPolicy API reference) and the
// validation sentence it answers for any other value.
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const isRetentionInDays = (days: number) => RETENTION_DAYS.includes(days);

export const invalidRetentionMessage = (days: number) =>
  `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`;
