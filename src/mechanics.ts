import { indexNames, type Named } from "./names";

export const MECHANIC_IDS = [
  "buyback",
  "fee-burn",
  "fee-share",
  "discount",
  "tiered-access",
  "security-staking",
  "backstop",
  "work-token",
  "gas",
  "governance",
  "ve-lock",
  "payment-coin",
] as const;
export type MechanicId = (typeof MECHANIC_IDS)[number];

export interface Mechanic extends Named<MechanicId> {
  readonly summary: string;
  /** Gates make users hold the token to use the product; bound to no flow they are forced utility. */
  readonly gate: boolean;
}

export const MECHANICS = [
  { id: "buyback", name: "Buyback / burn", aliases: ["buyback/burn", "buy back", "buyback and burn", "buyback-burn"], gate: false,
    summary: "Part of the fee line buys the token on the market (and may burn it)." },
  { id: "fee-burn", name: "Fee burn", aliases: ["burn", "usage burn", "burn and mint", "burn-and-mint"], gate: false,
    summary: "Fees paid for usage are destroyed instead of paid out." },
  { id: "fee-share", name: "Fee share", aliases: ["revenue share", "fee sharing", "staker fees", "real yield", "fee accrual"], gate: false,
    summary: "Fees accrue to stakers or holders." },
  { id: "discount", name: "Fee discount", aliases: ["fee discount", "discounts", "staking discount"], gate: true,
    summary: "Holding or staking the token lowers the fees a user pays." },
  { id: "tiered-access", name: "Tiered access", aliases: ["tiers", "access tiers", "tiered", "vip tiers"], gate: true,
    summary: "Token balance unlocks tiers of access or service." },
  { id: "security-staking", name: "Security staking", aliases: ["staking", "stake to secure", "pos", "proof of stake", "validator staking"], gate: false,
    summary: "Stake secures the network and can be slashed." },
  { id: "backstop", name: "Staked backstop", aliases: ["insurance", "safety module", "backstop staking", "slashable insurance"], gate: false,
    summary: "Staked tokens insure the system and are slashed to cover losses." },
  { id: "work-token", name: "Work token", aliases: ["work", "work token emission", "proof of work token"], gate: false,
    summary: "Providers stake or earn emissions for verified work." },
  { id: "gas", name: "Gas token", aliases: ["gas fees", "fee token", "gas token"], gate: true,
    summary: "The token is required to pay for usage." },
  { id: "governance", name: "Governance", aliases: ["voting", "gov", "dao"], gate: false,
    summary: "Holders vote on protocol parameters." },
  { id: "ve-lock", name: "Vote-escrow lock", aliases: ["ve", "vetoken", "ve token", "vote escrow", "vote-escrow"], gate: false,
    summary: "Time-locked tokens direct emissions and earn boosts." },
  { id: "payment-coin", name: "Payment coin", aliases: ["payment token", "stable payment coin", "credits", "data credits"], gate: false,
    summary: "A separate, stable-priced unit that buyers pay with." },
] as const satisfies readonly Mechanic[];

export const MECHANIC_INDEX = indexNames<MechanicId>("mechanic", MECHANICS);

export const mechanicById = (id: MechanicId): Mechanic => MECHANICS.find((m) => m.id === id)!;
