/**
 * Seeded random numbers for the Monte Carlo: xoshiro128** (Blackman and
 * Vigna), seeded by splitmix32 from (seed, path index). Path i always draws
 * from the stream of (seed, i), so running paths in chunks, in another order
 * or on another machine gives the same numbers.
 *
 * The integer generator is exact everywhere (32-bit integer operations and
 * Math.imul). The normal draw (Box–Muller, cosine branch) uses Math.log,
 * Math.sqrt and Math.cos, and the revenue walk Math.exp: ECMAScript does not
 * require these to be correctly rounded, so two JS engines could in theory
 * differ in the last bit. The walk therefore rounds every generated revenue
 * to whole cents and carries on from the rounded value: from there the money
 * path is exact, and a last-bit difference could only matter if a revenue
 * fell within about 1e-16 of a half cent.
 */

const GOLDEN = 0x9e3779b9;

/** splitmix32's output function: a 32-bit mix of a 32-bit input. */
export function mix32(x: number): number {
  let z = (x + GOLDEN) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_32 = 4294967296;
const TWO_PI = 2 * Math.PI;

/** xoshiro128**: 128 bits of state, period 2^128 - 1; one instance is re-seeded per path (no allocation). */
export class PathRng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** Seeds the stream of path `path` (0-based) for the integer `seed` (any safe integer). */
  seed(seed: number, path: number): this {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) >>> 0;
    let k = mix32(mix32(lo) ^ hi);
    k = mix32(k ^ mix32(path >>> 0));
    // splitmix32 steps from the key fill the state. mix32 is a bijection (each step undoes) and the four
    // inputs differ, so at most one word is 0: the all-zero state, xoshiro's only stuck one, cannot occur.
    let x = k;
    this.s0 = mix32(x); x = (x + GOLDEN) | 0;
    this.s1 = mix32(x); x = (x + GOLDEN) | 0;
    this.s2 = mix32(x); x = (x + GOLDEN) | 0;
    this.s3 = mix32(x);
    return this;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1): (k + 0.5) / 2^32, never 0 or 1. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / TWO_32;
  }

  /** Standard normal by Box–Muller (cosine branch only: two uniforms per normal, no state between draws). */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
  }
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
