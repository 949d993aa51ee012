/** Display formatting. Amounts are formatted from their decimal strings (never through floating point). */

/** `3119.54` → `3,119.54`; `-1234` → `-1,234`; anything that is not a plain decimal is returned unchanged. */
export function groupDigits(value: string): string {
  const m = /^(-?)(\d+)((?:\.\d+)?)$/u.exec(value);
  if (!m) return value;
  const [, sign, int, frac] = m as unknown as [string, string, string, string];
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/gu, ",")}${frac}`;
}

/** A difference with its sign: `-12.5` → `−12.5`, `1234` → `+1,234`, zero as it is. */
export function signedDigits(value: string): string {
  if (value.startsWith("-")) return `−${groupDigits(value.slice(1))}`;
  return /^0(?:\.0*)?$/u.test(value) ? value : `+${groupDigits(value)}`;
}

export const KIND_NAMES = { budget: "预算", final: "决算" } as const;
export const LEVEL_NAMES = { department: "部门", unit: "单位" } as const;

/** `2024年决算` */
export function yearKind(meta: { year: number; kind: keyof typeof KIND_NAMES }): string {
  return `${meta.year}年${KIND_NAMES[meta.kind]}`;
}

/** `阳泉市民政局 2024年 决算` */
export function reportTitle(meta: { department: { name: string }; year: number; kind: keyof typeof KIND_NAMES }): string {
  return `${meta.department.name} ${yearKind(meta)}`;
}

/** `3119.54`, `万元` → `3,119.54 万元` (exact digits, grouped). */
export function formatAmount(value: string, unit: string): string {
  return `${groupDigits(value)} ${unit}`;
}

const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

/** The template's label of a table, for tables the document prints without one: `公开01表`, `表一`. */
export function displayLabel(kind: "budget" | "final", no: number): string {
  return kind === "final" ? `公开${String(no).padStart(2, "0")}表` : `表${NUMERALS[no] ?? no}`;
}

/** `123456` → `120.6 KB` (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** A publication date (YYYY-MM-DD) as written in Chinese: `2024-02-08` → `2024年2月8日`. */
export function publishedDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
