/**
 * Exact decimal arithmetic on the published strings (never binary floats): a value is a BigInt count of units of
 * 10^-scale. Published amounts carry at most a few decimals, so every sum and difference here is exact.
 */
export interface Dec {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/u;

const parsed = new Map<string, Dec | undefined>();

/** `"3119.54"` → 311954n at scale 2; undefined for anything that is not a plain decimal. (Values are immutable, so the
 * few thousand distinct strings of a report are parsed once.) */
export function parseDec(text: string): Dec | undefined {
  if (parsed.has(text)) return parsed.get(text);
  if (parsed.size > 50_000) parsed.clear();
  const d = readDec(text);
  parsed.set(text, d);
  return d;
}

function readDec(text: string): Dec | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, int, frac = ""] = m as unknown as [string, string, string, string | undefined];
  const units = BigInt(`${int}${frac}`);
  return { units: sign === "-" ? -units : units, scale: frac.length };
}

/** The number of decimals printed in `text` (0 for an integer or a non-number). */
export function decimalsOf(text: string): number {
  return parseDec(text)?.scale ?? 0;
}

/** The units of `d` at a larger `scale`. */
export function rescale(d: Dec, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function neg(a: Dec): Dec {
  return { units: -a.units, scale: a.scale };
}

export function sub(a: Dec, b: Dec): Dec {
  return add(a, neg(b));
}

export function sum(values: Dec[]): Dec {
  return values.reduce(add, ZERO);
}

export const ZERO: Dec = { units: 0n, scale: 0 };

/** -1, 0 or 1. */
export function compare(a: Dec, b: Dec): number {
  const d = sub(a, b).units;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function abs(a: Dec): Dec {
  return a.units < 0n ? neg(a) : a;
}

/** `d` rounded half away from zero to `scale` decimals. */
export function roundDec(d: Dec, scale: number): Dec {
  if (d.scale <= scale) return d;
  const f = 10n ** BigInt(d.scale - scale);
  const negative = d.units < 0n;
  const a = negative ? -d.units : d.units;
  const q = (a + f / 2n) / f;
  return { units: negative ? -q : q, scale };
}

/** `d` without trailing zeros below `keep` decimals (`4.540000` → `4.54`): the same value, printed shorter. */
export function trimDec(d: Dec, keep = 0): Dec {
  let { units, scale } = d;
  while (scale > keep && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Half a unit of the last printed decimal: how far a published value can be from what it rounds. */
export function halfUnit(d: Dec): Dec {
  return { units: 5n, scale: d.scale + 1 };
}

/** Plain decimal string with exactly `scale` decimals (at least the value's own). */
export function formatDec(d: Dec, scale = d.scale): string {
  const s = Math.max(scale, d.scale);
  const units = rescale(d, s);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(s + 1, "0");
  const int = digits.slice(0, digits.length - s);
  const frac = s > 0 ? `.${digits.slice(digits.length - s)}` : "";
  return `${negative ? "-" : ""}${int}${frac}`;
}

/**
 * Rounding tolerance of a comparison of `count` published values printed to `scale` decimals: each is rounded to
 * half a unit of its last decimal, so their sum can be off by `count` × 0.5 × 10^-scale (0.005 per 万元 value with two
 * decimals).
 */
export function tolerance(count: number, scale: number): Dec {
  return { units: BigInt(count) * 5n, scale: scale + 1 };
}

/** `a / b` as a percentage rounded half-up to `decimals` decimals, exactly; undefined when b is zero. */
export function percent(a: Dec, b: Dec, decimals: number): Dec | undefined {
  const scale = Math.max(a.scale, b.scale);
  const num = rescale(a, scale) * 100n * 10n ** BigInt(decimals + 1);
  const den = rescale(b, scale);
  if (den === 0n) return undefined;
  let q = num / den; // truncated, one extra digit
  const negative = q < 0n;
  if (negative) q = -q;
  const rounded = (q + 5n) / 10n;
  return { units: negative ? -rounded : rounded, scale: decimals };
}
