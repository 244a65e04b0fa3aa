import DecimalJs from "decimal.js";

/**
 * The project's one Decimal constructor. A clone keeps our settings local:
 * nothing else on the page (or in Excel's shared runtime) can change them.
 * 50 significant digits leave room for pro-rata divisions of amounts up to
 * the safe-integer range of cents before anything is rounded to the cent.
 */
export const Decimal = DecimalJs.clone({
  defaults: true,
  precision: 50,
  rounding: DecimalJs.ROUND_HALF_UP,
});
export type Decimal = DecimalJs;
export type DecimalValue = DecimalJs.Value;
