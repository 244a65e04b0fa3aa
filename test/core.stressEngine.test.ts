import fc from "fast-check";
import { propertyRuns } from "./helpers/propertyRuns";
import { FEE_BUCKETS, MAX_AMOUNT_CENTS } from "../src";
import { mix32, PathRng, runPath, type FundInput, type VolumeCap } from "../src/stress";
import { failure } from "./helpers/tokenError";

/**
 * The stress engine's month step (MonthEngine, through runPath) and its
 * random numbers (PathRng) at their edges: a driver moved with revenue where
 * doubles round the wrong way, the 2^52-cent limit, an amount over a driven
 * limit, month 0 without revenue, the fund's top-up switch and its minimum
 * exactly met; the generator against a BigInt restatement of splitmix32 and
 * xoshiro128**. Expected values come from BigInt or by hand.
 */

const ids: readonly string[] = FEE_BUCKETS.map((b) => b.id);
const BUYBACK = ids.indexOf("buyback");
const FUND = ids.indexOf("insurance");

/** Whole cents as the amount text a user types: 123456 -> "1234.56". */
const amount = (cents: number | bigint): string => {
  const c = BigInt(cents);
  return `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;
};

/** round(base x R / r0), half up, in BigInt: the driver moved with revenue. */
const halfUp = (base: number, R: number, r0: number): bigint => {
  const p = BigInt(base) * BigInt(R);
  const d = BigInt(r0);
  return p / d + (2n * (p % d) >= d ? 1n : 0n);
};

/** Buyback caps per month for a volume cap of 100% of a volume moving with revenue (so the cap is the moved volume). */
const drivenCaps = (baseCents: number, revenueCents: readonly number[], rule: Partial<VolumeCap> = {}) =>
  runPath({ revenueCents, stage: "growth", caps: { buyback: { volumeShare: 1, volume: amount(baseCents), withRevenue: true, ...rule } } })
    .months.map((m) => m.capCents[BUYBACK]);

// ---------------------------------------------------------------- driven limits

describe("MonthEngine: a driver moved with revenue is round(base x R / R0) half up, to the cent", () => {
  it("rounds down a quotient a hair below a half cent, though its double lands exactly on the half", () => {
    const [base, r0, R] = [5_552_735_270_151, 223_739_052, 37_812_744];
    expect(base * R / r0).toBe(938_433_212_231.5); // the double says half: Math.round would go up
    expect(halfUp(base, R, r0)).toBe(938_433_212_231n); // the exact quotient is below it
    expect(drivenCaps(base, [r0, R])).toEqual([base, 938_433_212_231]);
  });

  it("rounds exactly above 2^40 cents, where the double is off by more than a hundredth of a cent", () => {
    const [base, r0, R] = [327_531_773_305_658, 316_060_966, 2_128_141_127];
    const x = base * R / r0;
    expect(x).toBeGreaterThan(2 ** 40);
    expect(x - Math.floor(x)).toBe(0.75); // far from the half, yet Math.round(x) is a cent too high
    expect(halfUp(base, R, r0)).toBe(2_205_377_797_810_728n);
    expect(Math.round(x)).toBe(2_205_377_797_810_729);
    expect(drivenCaps(base, [r0, R])).toEqual([base, 2_205_377_797_810_728]);
  });

  it("equals the BigInt rounding for quotients built to fall near a half cent", () => {
    // base = (k + 1/2) x r0 / R, nudged by up to 2 cents: quotients on or beside a half cent, where a double may round the wrong way.
    const nearHalf = fc.record({
      r0: fc.integer({ min: 1, max: 10_000_000_000 }),
      R: fc.integer({ min: 1, max: 10_000_000_000 }),
      k: fc.integer({ min: 0, max: 2 ** 40 }),
      nudge: fc.integer({ min: -2, max: 2 }),
    }).map(({ r0, R, k, nudge }) => ({ r0, R, base: Math.round(((k + 0.5) * r0) / R) + nudge }))
      .filter(({ r0, R, base }) => base >= 0 && base <= MAX_AMOUNT_CENTS && halfUp(base, R, r0) <= 2n ** 52n);
    fc.assert(fc.property(nearHalf, ({ r0, R, base }) => {
      expect(drivenCaps(base, [r0, R])).toEqual([base, Number(halfUp(base, R, r0))]);
    }), { numRuns: propertyRuns(300) });
  });

  it("holds the driver at its amount while month 0 has no revenue (there is nothing to scale by)", () => {
    // 1,000.01 of volume, 50%: floor(100,001 / 2) = 50,000 cents in every month, whatever the revenue.
    expect(drivenCaps(100_001, [0, 500_00, 0, 7], { volumeShare: 0.5 })).toEqual([50_000, 50_000, 50_000, 50_000]);
  });

  it("computes a driver grown to exactly 2^52 cents, and refuses one grown a cent above it, saying what to lower", () => {
    // Amounts stop below 10^15 cents, so only growth takes a driver that far: 2^49 x 8, and (2^52 + 1) / 17 x 17.
    expect(drivenCaps(2 ** 49, [100, 800])).toEqual([2 ** 49, 2 ** 52]);
    expect(17 * 264_917_625_139_441).toBe(2 ** 52 + 1);
    expect(failure(() => drivenCaps(264_917_625_139_441, [1, 17]))).toEqual({
      kind: "numberOutOfRange",
      message: "A volume, staked value or exposure moved with revenue grew too large to compute to the cent: lower the growth or volatility.",
    });
  });

  it("takes the amount when it is below the driven limit, the driven limit when below the amount, and 0 for an amount of 0", () => {
    // 10% of a volume of 10,000.00 at revenue 100, then 30,000.00 at revenue 300: limits 1,000.00 and 3,000.00.
    const caps = (amountCap: string) => drivenCaps(1_000_000, [100_00, 300_00], { volumeShare: 0.1, amount: amountCap });
    expect(drivenCaps(1_000_000, [100_00, 300_00], { volumeShare: 0.1 })).toEqual([100_000, 300_000]);
    expect(caps("2000")).toEqual([100_000, 200_000]);
    expect(caps("0")).toEqual([0, 0]);
    expect(caps("1000")).toEqual([100_000, 100_000]);
  });
});

// ---------------------------------------------------------------- fund top-up

describe("MonthEngine: topping up the fund below its minimum", () => {
  // Growth sends 10% to insurance: 10.00 of a revenue of 100.00.
  const fundPath = (fund: FundInput) => runPath({ revenueCents: [100_00, 100_00], stage: "growth", fund }).months;

  it("raises the fund bucket's floor to the shortfall, and with topUp: false leaves the plain share", () => {
    const topped = fundPath({ startBalance: 0, minBalance: 50 });
    expect(topped.map((m) => m.floorCents[FUND])).toEqual([50_00, null]);
    expect(topped.map((m) => m.inflowCents)).toEqual([50_00, 10_00]);
    const counted = fundPath({ startBalance: 0, minBalance: 50, topUp: false });
    expect(counted.map((m) => m.floorCents[FUND])).toEqual([null, null]);
    expect(counted.map((m) => m.inflowCents)).toEqual([10_00, 10_00]);
    expect(counted.map((m) => m.belowMinBalance)).toEqual([true, true]); // only counted
  });

  it("sets no floor (not even 0) when the balance is exactly at the minimum, and a one-cent floor a cent below it", () => {
    const at = fundPath({ startBalance: 50, minBalance: 50 });
    expect(at.map((m) => m.floorCents[FUND])).toEqual([null, null]);
    const below = fundPath({ startBalance: 49.99, minBalance: 50 });
    expect(below.map((m) => m.floorCents[FUND])).toEqual([1, null]);
    expect(below[0]!.inflowCents).toBe(10_00); // the share already covers the cent
  });
});

// ---------------------------------------------------------------- PathRng

const M = 1n << 32n;
const MASK = M - 1n;
const GOLDEN = 0x9e3779b9n;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & MASK;
const xorShift = (z: bigint, k: bigint): bigint => z ^ (z >> k);

/** splitmix32's output function in BigInt: murmur3's finaliser of x + golden ratio. */
const mixRef = (x: bigint): bigint => {
  let z = (x + GOLDEN) & MASK;
  z = (xorShift(z, 16n) * 0x85ebca6bn) & MASK;
  z = (xorShift(z, 13n) * 0xc2b2ae35n) & MASK;
  return xorShift(z, 16n);
};

/** The inverse of mixRef: each step (adding, xor-shifting, multiplying by an odd number mod 2^32) undoes. */
const inverseMod32 = (a: bigint): bigint => {
  let x = a; // Newton: each round doubles the correct low bits (a x = 1 mod 8 to start, for odd a)
  for (let i = 0; i < 5; i++) x = (x * (2n - a * x)) & MASK;
  return x;
};
const unXorShift = (z: bigint, k: bigint): bigint => {
  let x = z;
  for (let i = 0; i < 3; i++) x = z ^ (x >> k);
  return x;
};
const unmixRef = (y: bigint): bigint => {
  let z = unXorShift(y, 16n);
  z = unXorShift((z * inverseMod32(0xc2b2ae35n)) & MASK, 13n);
  z = unXorShift((z * inverseMod32(0x85ebca6bn)) & MASK, 16n);
  return (z - GOLDEN + M) & MASK;
};

/** The state for a 32-bit key: four splitmix32 steps. */
const stateOfKey = (k: bigint): bigint[] => [0n, 1n, 2n, 3n].map((i) => mixRef((k + i * GOLDEN) & MASK));

/** The key for (seed, path): the seed's low and high 32 bits (high = floor(seed / 2^32), two's complement), then the path. */
const keyOf = (seed: number, path: number): bigint => {
  const s = BigInt(seed);
  const lo = ((s % M) + M) % M;
  const hi = ((s - lo) / M) & MASK; // exact floor division: s - lo is a multiple of 2^32
  return mixRef(mixRef(mixRef(lo) ^ hi) ^ mixRef(BigInt(path)));
};

/** xoshiro128** in BigInt: the next output, advancing the state in place. */
const nextRef = (s: bigint[]): bigint => {
  const result = (rotl((s[1]! * 5n) & MASK, 7n) * 9n) & MASK;
  const t = (s[1]! << 9n) & MASK;
  s[2]! ^= s[0]!;
  s[3]! ^= s[1]!;
  s[1]! ^= s[2]!;
  s[0]! ^= s[3]!;
  s[2]! ^= t;
  s[3] = rotl(s[3]!, 11n);
  return result;
};
const streamRef = (state: bigint[], count: number): number[] => Array.from({ length: count }, () => Number(nextRef(state)));
const stream = (rng: PathRng, count: number): number[] => Array.from({ length: count }, () => rng.nextUint32());

describe("PathRng: xoshiro128** seeded by splitmix32 from (seed, path)", () => {
  it("restates xoshiro128** as published: from the state 1, 2, 3, 4 it gives the reference outputs", () => {
    // The reference implementation's first outputs (Blackman and Vigna, xoshiro128starstar.c).
    expect(streamRef([1n, 2n, 3n, 4n], 6)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("mixes like the BigInt splitmix32 finaliser", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (x) => {
      expect(mix32(x)).toBe(Number(mixRef(BigInt(x))));
      expect(unmixRef(mixRef(BigInt(x)))).toBe(BigInt(x)); // a bijection of 32-bit words
    }), { numRuns: propertyRuns(300) });
  });

  it.each([0, 1, 42, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 42, 7 * 2 ** 40 + 5, -1, -42, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])(
    "draws the stream of seed %p from both its low and high 32 bits, per path",
    (seed) => {
      for (const path of [0, 1, 999, 2 ** 31]) {
        expect(stream(new PathRng().seed(seed, path), 5)).toEqual(streamRef(stateOfKey(keyOf(seed, path)), 5));
      }
    },
  );

  it("gives seeds that differ only above bit 32 different streams", () => {
    const first = (seed: number) => stream(new PathRng().seed(seed, 0), 4);
    expect(first(2 ** 32 + 42)).not.toEqual(first(42));
    expect(first(-1)).not.toEqual(first(2 ** 32 - 1)); // same low bits, high bits all ones vs zero
  });

  it("starts a full stream from a key whose first state word is 0 (four words of a bijective mix are never all 0)", () => {
    // The key k with mix(k) = 0, and the seed (path 0, high bits 0) that leads to it.
    const k = unmixRef(0n);
    const lo = unmixRef(unmixRef(unmixRef(k) ^ mixRef(0n)));
    expect(keyOf(Number(lo), 0)).toBe(k);
    const state = stateOfKey(k);
    expect(state[0]).toBe(0n);
    expect(state.slice(1).every((w) => w !== 0n)).toBe(true);
    expect(stream(new PathRng().seed(Number(lo), 0), 8)).toEqual(streamRef(state, 8));
  });

  it("draws uniforms (k + 1/2) / 2^32 from the next integer k, so never 0 or 1", () => {
    const rng = new PathRng().seed(2024, 3);
    const ints = streamRef(stateOfKey(keyOf(2024, 3)), 50);
    expect(ints.map(() => rng.uniform())).toEqual(ints.map((k) => (k + 0.5) / 2 ** 32));
  });
});
