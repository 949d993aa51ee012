/**
 * Checking a printed percentage against the amounts it is computed from, exactly. A percentage agrees when it is
 * part ÷ base rounded to the printed decimals — or, since the text computes from unrounded figures, when some
 * values within the rounding of the printed amounts (± half a unit of their last decimal) give it.
 */
import { compare, type Dec, halfUnit, percent, rescale } from "../../../decimal.ts";

export interface PercentCheck {
  /** `exact` rounds to the printed value; `rounding` only within the rounding of the amounts; `zero` 0 ÷ anything. */
  status: "exact" | "rounding" | "zero" | "wrong" | "undefined";
  /** part ÷ base rounded to the printed decimals. */
  expected?: Dec;
}

/** Integers of a list of decimals at their common scale. */
function common(values: Dec[]): { units: bigint[]; scale: number } {
  const scale = Math.max(...values.map((v) => v.scale));
  return { units: values.map((v) => rescale(v, scale)), scale };
}

/**
 * Does `printed` (a percentage) state part ÷ base? `partError` and `baseError` bound how far the true part and base
 * can be from the printed ones (their rounding); both default to half a unit of their last decimal.
 */
export function checkPercent(part: Dec, base: Dec, printed: Dec, partError: Dec = halfUnit(part), baseError: Dec = halfUnit(base)): PercentCheck {
  if (part.units === 0n) return printed.units === 0n ? { status: "zero", expected: { units: 0n, scale: printed.scale } } : { status: "wrong", expected: { units: 0n, scale: printed.scale } };
  if (base.units <= 0n || part.units < 0n) return { status: "undefined" };
  const expected = percent(part, base, printed.scale);
  if (!expected) return { status: "undefined" };
  if (compare(expected, printed) === 0) return { status: "exact", expected };
  // Interval of part ÷ base over the rounding of both, against the interval the printed percentage rounds from.
  const half = halfUnit(printed);
  const {
    units: [p, pe, b, be, y, h],
    scale,
  } = common([part, partError, base, baseError, printed, half]) as { units: [bigint, bigint, bigint, bigint, bigint, bigint]; scale: number };
  const one = 10n ** BigInt(scale);
  const lowNum = p - pe;
  const highNum = p + pe;
  const lowDen = b + be;
  const highDen = b - be;
  if (highDen <= 0n) return { status: "wrong", expected };
  // All integers at one scale: the printed percentage ± half is (y ± h) / (100 × 10^scale) as a ratio; the ratio
  // interval is [lowNum/lowDen, highNum/highDen]. They overlap when the top of one is not below the bottom of the other.
  const aboveLow = (y + h) * lowDen >= 100n * one * lowNum;
  const belowHigh = (y - h) * highDen <= 100n * one * highNum;
  return { status: aboveLow && belowHigh ? "rounding" : "wrong", expected };
}
