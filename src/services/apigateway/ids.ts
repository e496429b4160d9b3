// Identifiers as AWS mints them: 10 lowercase letters and digits (rest APIs, resources,
// deployments), drawn from the crypto source and checked unused by the caller's predicate.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const ID_LENGTH = 10;

function draw(): string {
  let id = '';
  while (id.length < ID_LENGTH) {
    // Bytes of 252 and above are skipped (252 = 7 × 36), so every character is equally likely.
    for (const b of randomBytes(16)) if (b < 252 && id.length < ID_LENGTH) id += ALPHABET[b % 36];
  }
  return id;
}

export function newId(taken: (id: string) => boolean = () => false): string {
  for (;;) {
    const id = draw();
    if (!taken(id)) return id;
  }
}
