// Fit of each token mechanic (rows) for each product archetype (columns).
// Seed cells are stated by the source article and are binding. Derived cells
// are our own reasoned extension; the reason for each rating is in `why`.
import type { ArchetypeId } from "./archetypes";
import type { MechanicId } from "./mechanics";
import type { FitRating } from "./fitRatings";

export type FitSource = "seed" | "derived";

export interface FitCell {
  readonly rating: FitRating;
  readonly source: FitSource;
  /** One line, shown in Excel (TOKEN.MECHWHY) and the workbook: why this rating. */
  readonly why: string;
}

/** Rows are mechanics, columns archetypes, as in DOMAIN.md. */
export const FIT_MATRIX = {
  buyback: {
    exchange: { rating: "fit", source: "seed", why: "A steady trading fee line can fund market buybacks, tying token demand directly to volume." },
    l1: { rating: "weak", source: "derived", why: "Gas is already burned or paid to validators, so a separate buyback adds little on top." },
    stablecoin: { rating: "fit", source: "derived", why: "Surplus stability fees can buy and burn the token, as MKR does with its system surplus." },
    defi: { rating: "conditional", source: "derived", why: "Works only if the primitive keeps real protocol fees instead of paying everything out as emissions." },
    depin: { rating: "conditional", source: "derived", why: "Resource purchase revenue can fund buybacks once real demand exists, not while coverage is still subsidised." },
    media: { rating: "conditional", source: "seed", why: "Buybacks need revenue, so they apply only after attention becomes ads, subscriptions or creator payments." },
  },
  "fee-burn": {
    exchange: { rating: "conditional", source: "derived", why: "Burning trading fees can work, but it competes with the discount and staker buckets for one fee line." },
    l1: { rating: "fit", source: "seed", why: "Burning part of every gas payment links supply reduction directly to demand for block space." },
    stablecoin: { rating: "weak", source: "derived", why: "Stability fees are better kept as surplus buffer or backstop capital than destroyed on receipt." },
    defi: { rating: "weak", source: "derived", why: "Most DeFi fees flow to LPs and lockers, leaving little usage fee for the protocol to burn." },
    depin: { rating: "conditional", source: "derived", why: "Under burn-and-mint, buyers burn tokens for resource credits, which works once real purchase demand exists." },
    media: { rating: "conditional", source: "seed", why: "Burning fees needs a paid usage flow, which attention gains only after monetisation through ads or subscriptions." },
  },
  "fee-share": {
    exchange: { rating: "fit", source: "seed", why: "The staker bucket of the fee split pays part of the trading fees to token stakers." },
    l1: { rating: "fit", source: "derived", why: "Passing fees to stakers tops up the security budget that pays validators to keep the chain safe." },
    stablecoin: { rating: "fit", source: "seed", why: "Stability fees and the risk premium accrue to the holders who carry the backing risk." },
    defi: { rating: "fit", source: "derived", why: "Routing protocol fees to lockers rewards the long-term holders who steer emissions and supply liquidity." },
    depin: { rating: "weak", source: "derived", why: "Resource revenue is needed to pay providers, so diverting it to passive holders starves the supply side." },
    media: { rating: "conditional", source: "seed", why: "Fees can reach holders only once attention is turned into ad, subscription or creator revenue." },
  },
  discount: {
    exchange: { rating: "fit", source: "seed", why: "Staking for cheaper trading fees keeps price-sensitive traders and their volume on the venue." },
    l1: { rating: "weak", source: "derived", why: "Gas is already paid in the native token, so a holder discount adds little real value." },
    stablecoin: { rating: "anti-fit", source: "seed", why: "Holders should not get cheaper liabilities, since discounted stability fees erode the risk premium." },
    defi: { rating: "anti-fit", source: "seed", why: "Users pay no direct fee here to lower, and holders act as suppliers of capital, not customers." },
    depin: { rating: "weak", source: "derived", why: "Buyers want stable resource prices, and a discount for holding a volatile token rarely sways them." },
    media: { rating: "conditional", source: "seed", why: "A holder discount means something only once there are subscriptions or ad fees to discount." },
  },
  "tiered-access": {
    exchange: { rating: "fit", source: "seed", why: "Token balance can unlock VIP tiers such as lower fees or higher limits for active traders." },
    l1: { rating: "weak", source: "derived", why: "Block space is open by design, so balance-gated tiers clash with permissionless access to the chain." },
    stablecoin: { rating: "weak", source: "derived", why: "Minting and redeeming should be open to all, so balance tiers add friction without capturing value." },
    defi: { rating: "weak", source: "derived", why: "Permissionless pools gain little from balance tiers, which mostly end up as forced utility." },
    depin: { rating: "weak", source: "derived", why: "Resource buyers and providers care about price and coverage, not tiers unlocked by holding the token." },
    media: { rating: "conditional", source: "seed", why: "Balance-based tiers fit only once there is premium content or a subscription worth gating." },
  },
  "security-staking": {
    exchange: { rating: "weak", source: "derived", why: "The venue secures its own matching engine, so slashable stake rarely protects the trading flow." },
    l1: { rating: "fit", source: "seed", why: "Validators post slashable stake, which is exactly the security budget a chain must pay for." },
    stablecoin: { rating: "conditional", source: "derived", why: "Stake can secure oracles or keepers where the issuer depends on them; otherwise the backstop suffices." },
    defi: { rating: "weak", source: "derived", why: "A DeFi primitive inherits security from its host chain, so its own security staking is rarely needed." },
    depin: { rating: "conditional", source: "derived", why: "Providers can post collateral slashed for failed delivery, provided the network can verify service reliably." },
    media: { rating: "conditional", source: "seed", why: "Slashable stake could back curation or moderation, but only after attention turns into a paid flow." },
  },
  backstop: {
    exchange: { rating: "conditional", source: "derived", why: "Staked insurance fed by the insurance bucket suits venues that carry custody or liquidation risk." },
    l1: { rating: "weak", source: "derived", why: "A chain has no single balance sheet to insure, so a slashable insurance pool has little to cover." },
    stablecoin: { rating: "fit", source: "seed", why: "Stakers absorb bad debt as slashable insurance, earning the risk premium for taking that first loss." },
    defi: { rating: "conditional", source: "derived", why: "Lending-style primitives with default risk can use a staked safety module; pure yield routers need none." },
    depin: { rating: "weak", source: "derived", why: "Providers and buyers face little pooled default risk, so a staked insurance fund protects almost nothing." },
    media: { rating: "conditional", source: "seed", why: "Insurance needs a financial risk to cover, which appears only after attention is monetised." },
  },
  "work-token": {
    exchange: { rating: "anti-fit", source: "seed", why: "The exchange itself matches the orders, so there is no outside work for stakers to do." },
    l1: { rating: "fit", source: "seed", why: "Validators stake and earn issuance for producing and checking blocks, a textbook work token." },
    stablecoin: { rating: "weak", source: "derived", why: "The protocol manages issuance and backing itself, leaving little verifiable outside work to reward." },
    defi: { rating: "weak", source: "derived", why: "LPs are already paid through fees and emissions, so a separate work token duplicates that reward." },
    depin: { rating: "fit", source: "seed", why: "Emissions paid for verified coverage or storage subsidise providers before buyer demand arrives." },
    media: { rating: "conditional", source: "seed", why: "Creators and curators can earn for verified work once their output is tied to real revenue." },
  },
  gas: {
    exchange: { rating: "conditional", source: "derived", why: "Requiring the token to pay fees makes sense only when the exchange runs its own chain." },
    l1: { rating: "fit", source: "seed", why: "Every transaction pays gas in the native token, so token demand grows with block space use." },
    stablecoin: { rating: "weak", source: "derived", why: "Forcing users to hold a volatile token just to move a stable asset defeats its purpose." },
    defi: { rating: "weak", source: "derived", why: "Users already pay gas to the host chain, so a second required fee token is forced utility." },
    depin: { rating: "weak", source: "derived", why: "Buyers need predictable prices, which is why DePIN routes purchases through a stable payment coin instead." },
    media: { rating: "conditional", source: "seed", why: "A usage token works only once attention has become paid actions such as subscriptions or tips." },
  },
  governance: {
    exchange: { rating: "anti-fit", source: "seed", why: "Traders want to trade, not vote, and a few listing and fee choices cannot carry a token." },
    l1: { rating: "weak", source: "seed", why: "Core chain parameters change rarely, so governance is a by-product of the chain rather than its value." },
    stablecoin: { rating: "fit", source: "seed", why: "Collateral types, debt ceilings and fee rates are live parameters that genuinely need holder coordination." },
    defi: { rating: "fit", source: "seed", why: "Steering emissions and pool parameters is the product itself, so votes carry real market value." },
    depin: { rating: "weak", source: "derived", why: "Few network parameters need ongoing votes, and providers care more about rewards than about governing." },
    media: { rating: "conditional", source: "seed", why: "Votes matter only once revenue or policy is at stake, such as ad rules or creator payouts." },
  },
  "ve-lock": {
    exchange: { rating: "anti-fit", source: "seed", why: "A vote-escrow model copied onto an exchange locks supply without improving volume or liquidity." },
    l1: { rating: "anti-fit", source: "seed", why: "A chain has no emissions market to steer, so vote-escrow locks mostly attract emission farmers." },
    stablecoin: { rating: "anti-fit", source: "seed", why: "Locking tokens to steer emissions does nothing for issuing or backing a stable liability." },
    defi: { rating: "fit", source: "seed", why: "Time-locked votes direct emissions to pools, and that direction is what LPs and bribers pay for." },
    depin: { rating: "anti-fit", source: "seed", why: "Coverage rewards should follow verified delivery, not lockers voting emissions toward their own nodes." },
    media: { rating: "anti-fit", source: "seed", why: "Attention products have no emissions market to direct, so vote-escrow locks only raise locked supply." },
  },
  "payment-coin": {
    exchange: { rating: "weak", source: "derived", why: "Traders already pay in the assets they trade, so a separate payment unit adds a needless step." },
    l1: { rating: "weak", source: "derived", why: "The native gas token already serves as the payment unit, so a second coin only splits demand." },
    stablecoin: { rating: "weak", source: "derived", why: "The stablecoin is itself the stable unit, so another payment coin on top is redundant." },
    defi: { rating: "weak", source: "derived", why: "Depositors pay with the capital they deposit, so no separate purchase needs a stable-priced coin." },
    depin: { rating: "fit", source: "seed", why: "Buyers pay with a stable-priced credit, shielding resource prices from swings in the reward token." },
    media: { rating: "conditional", source: "seed", why: "A stable-priced coin suits tips or subscriptions, but only after attention starts producing payments." },
  },
} as const satisfies Readonly<Record<MechanicId, Readonly<Record<ArchetypeId, FitCell>>>>;
