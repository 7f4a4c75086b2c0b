import { randomBytes, randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or written on a board. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short join code such as 'K7QXM', unique among `taken`. */
export function newJoinCode(taken: (code: string) => boolean, length = 5): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    let code = '';
    for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!taken(code)) return code;
  }
  throw new Error('could not find a free join code');
}

/** A secret seat token (128 random bits). */
export function newSeatToken(): string {
  return randomBytes(16).toString('base64url');
}
