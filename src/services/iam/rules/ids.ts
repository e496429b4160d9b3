// IAM's unique ids: a four-letter prefix naming the entity type (AROA role, ANPA managed policy)
// and 17 characters from A-Z and 0-9, as AWS writes them (`AROA` + 17 = 21 characters).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const ROLE_ID_PREFIX = 'AROA';
export const POLICY_ID_PREFIX = 'ANPA';

export function uniqueId(prefix: string, randomBytes: (size: number) => Buffer): string {
  const bytes = randomBytes(17);
  let id = prefix;
  for (let i = 0; i < 17; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}
