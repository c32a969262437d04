import { organizationCodeCheckDigit, usccCheckDigit } from '../api/src/domain/uscc.js';

/** A syntactically valid USCC for demo and test data: 91 (enterprise) + 330604 (上虞区) + org code. */
export function makeUscc(n: number): string {
  const body8 = String(10_000_000 + (n % 89_999_999)).slice(0, 8);
  const org = body8 + organizationCodeCheckDigit(body8);
  const first17 = `91330604${org}`;
  return first17 + usccCheckDigit(first17);
}
