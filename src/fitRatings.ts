import { indexNames, type Named } from "./names";

export const FIT_RATINGS = ["fit", "conditional", "weak", "anti-fit"] as const;
export type FitRating = (typeof FIT_RATINGS)[number];

/** Score per rating, as DOMAIN.md sets it. */
export const FIT_SCORE = { fit: 1, conditional: 0.5, weak: 0, "anti-fit": -1 } as const satisfies Record<FitRating, number>;

export const FIT_RATING_INDEX = indexNames<FitRating>(
  "rating",
  FIT_RATINGS.map((id) => ({ id, name: id, aliases: id === "anti-fit" ? ["antifit", "anti fit"] : [] } satisfies Named<FitRating>)),
);
