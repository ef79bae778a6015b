/**
 * `java.util.Random(seed).nextInt(bound)`, for the seeded form of `States.MathRandom`, whose
 * results AWS draws from Java's generator: the same seed gives the same number on every run.
 */

const MULTIPLIER = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;

export function javaRandomInt(seed: number, bound: number): number {
  let state = (BigInt(Math.trunc(seed)) ^ MULTIPLIER) & MASK;
  const next31 = (): number => {
    state = (state * MULTIPLIER + 0xbn) & MASK;
    return Number(state >> 17n);
  };
  let r = next31();
  const m = bound - 1;
  if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
  // Java rejects values from the top, incomplete stretch of the range (int overflow test).
  for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = next31());
  return r;
}
