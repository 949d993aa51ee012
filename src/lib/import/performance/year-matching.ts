/**
 * The 年度 side of a target table matched to its 实施期 side, after the last row: 年度 entries whose name differs
 * from the 实施期 name on their row are matched by name; what stays unmatched fills its row's empty slot or becomes
 * an indicator of its own.
 */
import type { PerformanceIndicator } from "../../model.ts";
import { note, type ParseState } from "./state.ts";
import { sameIndicator } from "./vocabulary.ts";

/**
 * 年度 entries whose name differs from the 实施期 name on their row (the two sides list the indicators in different
 * orders, or one side has an indicator the other lacks): matched by name to an indicator not yet matched — a name
 * cut short first, then a unique one sharing its first characters. What stays unmatched fills its row's empty slot
 * or becomes an indicator of its own, with a note.
 */
export function matchYears(s: ParseState): void {
  for (const y of s.years) {
    const name = y.name?.text;
    const open = s.indicators.filter((i) => !s.claimed.has(i) && i.level3 !== "" && i !== y.own);
    let match: PerformanceIndicator | undefined;
    if (name !== undefined) {
      const strict = open.filter((i) => i.level3.startsWith(name) || name.startsWith(i.level3));
      const loose = open.filter((i) => sameIndicator(i.level3, name));
      match = strict[0] ?? (loose.length === 1 ? loose[0] : undefined);
    }
    if (match) {
      if (y.value) match.yearTarget = y.value.text;
      s.claimed.add(match);
      note(s, y.line, `年度一侧的“${name}”与实施期一侧的“${match.level3}”（第 ${match.line} 行）按名称对应`);
      continue;
    }
    const own = y.own;
    if (own && own.level3 === "" && own.target === undefined) {
      if (name !== undefined) own.level3 = name;
      if (y.value) own.yearTarget = y.value.text;
      s.claimed.add(own);
      if (name !== undefined) note(s, y.line, `实施期一侧为空，指标名称“${name}”取自年度一侧`);
      continue;
    }
    // Its levels are those of the last indicator at or above its line.
    const above = [...s.indicators].reverse().find((i) => i.line <= y.line);
    const ind: PerformanceIndicator = {
      level1: above?.level1 ?? s.level1,
      level2: y.l2?.text ?? above?.level2 ?? s.level2,
      level3: name ?? "",
      line: y.line,
      ...(y.value ? { yearTarget: y.value.text } : {}),
    };
    const at = s.indicators.findIndex((i) => i.line > y.line);
    s.indicators.splice(at < 0 ? s.indicators.length : at, 0, ind);
    s.claimed.add(ind);
    note(s, y.line, `“${name ?? y.value?.text ?? ""}”只出现在年度一侧，实施期一侧没有对应的指标；单列为一项指标`);
  }
}
