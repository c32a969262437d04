/**
 * Imperative drawing on top of fast-check's `gen()`: the schema walk decides as it goes what to
 * draw next, and every draw comes from fast-check's seeded generator, so a seed and a case index
 * reproduce the same case exactly.
 */
import fc from 'fast-check';

export class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}

  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(0, xs.length - 1)];
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.int(0, 9999) < p * 10_000;
  }
  from<T>(arb: fc.Arbitrary<T>): T {
    return this.g(() => arb);
  }
  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((s, [w]) => s + w, 0);
    let n = this.int(0, total - 1);
    for (const [w, v] of table) {
      if (n < w) return v;
      n -= w;
    }
    return table[table.length - 1][1];
  }
}

/** Draws `n` cases from `build` with a fixed seed (fast-check's sampler). */
export function sampleCases<T>(seed: number, n: number, build: (d: Draw) => T): T[] {
  return fc.sample(
    fc.gen().map((g) => build(new Draw(g))),
    { seed, numRuns: n },
  );
}
