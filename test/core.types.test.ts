import { FIT_SCORE, mechanicFit, type ArchetypeId, type FeeBucketId, type MechanicId } from "../src";

// Ids are string-literal unions: a mistyped id fails to compile, not at run time.
describe("typed ids", () => {
  it("accept the domain's ids and reject others at compile time", () => {
    const archetype: ArchetypeId = "depin";
    const mechanic: MechanicId = "payment-coin";
    const bucket: FeeBucketId = "insurance";
    // @ts-expect-error "airdrop" is not a mechanic
    const notAMechanic: MechanicId = "airdrop";
    // @ts-expect-error "treasury" is not (yet) a bucket of the seed's list
    const notABucket: FeeBucketId = "treasury";
    // @ts-expect-error FIT_SCORE has no "great" rating
    void FIT_SCORE.great;
    expect(mechanicFit(archetype, mechanic).rating).toBe("fit");
    expect([bucket, notAMechanic, notABucket]).toHaveLength(3);
  });
});
