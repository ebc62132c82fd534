/**
 * The reporting chain of 国办公开办函〔2021〕30号 二（二） as data: which organs exist, which may sit under
 * which, which reports each writes, and when each is due. Pure; the one source of these labels and dates.
 *
 *   乡镇/街道 and 政府部门 publish their own report by 1月31日 and report to their government's 主管部门;
 *   a county government's 主管部门 rolls up (汇总) its departments and townships by 2月20日, a city's by
 *   3月10日, a province's by 3月31日; every government above the township publishes its 本级 report by 3月31日.
 */

export const ORGAN_KINDS = ["PROVINCE", "CITY", "COUNTY", "DEPARTMENT", "TOWNSHIP"] as const;
export type OrganKind = (typeof ORGAN_KINDS)[number];
export const GOVERNMENT_KINDS: readonly OrganKind[] = ["PROVINCE", "CITY", "COUNTY"];

type KindInfo = {
  /** What the kind is called in the UI. */
  label: string;
  /** Kinds this one may sit under; `root` = may also have no parent. */
  parents: readonly OrganKind[];
  root: boolean;
};

export const ORGAN_KIND_INFO: Readonly<Record<OrganKind, KindInfo>> = {
  PROVINCE: { label: "省级人民政府", parents: [], root: true },
  CITY: { label: "地市级人民政府", parents: ["PROVINCE"], root: true },
  // 省直管县 sit directly under the province
  COUNTY: { label: "县级人民政府", parents: ["CITY", "PROVINCE"], root: true },
  DEPARTMENT: { label: "政府部门", parents: ["PROVINCE", "CITY", "COUNTY"], root: false },
  // 不设区的市 have towns directly under the city
  TOWNSHIP: { label: "乡镇（街道）", parents: ["COUNTY", "CITY"], root: false },
};

export function isOrganKind(v: unknown): v is OrganKind {
  return typeof v === "string" && (ORGAN_KINDS as readonly string[]).includes(v);
}
export function isGovernment(kind: string): boolean {
  return (GOVERNMENT_KINDS as readonly string[]).includes(kind);
}
export function organKindLabel(kind: string): string {
  return isOrganKind(kind) ? ORGAN_KIND_INFO[kind].label : kind;
}

/**
 * Why `kind` may not sit under a parent of `parentKind` (null = it may; parentKind null = no parent),
 * as a Chinese sentence for the 上级机关 field.
 */
export function parentProblem(kind: OrganKind, parentKind: string | null): string | null {
  const info = ORGAN_KIND_INFO[kind];
  if (parentKind === null) return info.root ? null : `${info.label}须选择所属的人民政府作为上级机关`;
  if ((info.parents as readonly string[]).includes(parentKind)) return null;
  if (info.parents.length === 0) return `${info.label}不设上级机关，请将“上级机关”留空`;
  return `${info.label}的上级机关须为${info.parents.map((k) => ORGAN_KIND_INFO[k].label).join("或")}`;
}

// ---- reports ---------------------------------------------------------------------------------

/** ORGAN = the organ's own report (a government's 本级 report); ROLLUP = a government's 汇总 report. */
export const REPORT_KINDS = ["ORGAN", "ROLLUP"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export function isReportKind(v: unknown): v is ReportKind {
  return v === "ORGAN" || v === "ROLLUP";
}

/** The reports an organ of `kind` writes each year. */
export function reportKindsOf(kind: string): readonly ReportKind[] {
  return isGovernment(kind) ? ["ORGAN", "ROLLUP"] : ["ORGAN"];
}

/** How a report is named in lists: 年度报告 / 本级报告 / 汇总报告. */
export function reportKindLabel(organKind: string, reportKind: string): string {
  if (reportKind === "ROLLUP") return "汇总报告";
  return isGovernment(organKind) ? "本级报告" : "年度报告";
}

/** 「2024年度报告」「2024年度本级报告」「2024年度汇总报告」 */
export function reportName(year: number, organKind: string, reportKind: string): string {
  const label = reportKindLabel(organKind, reportKind);
  return label === "年度报告" ? `${year}年度报告` : `${year}年度${label}`;
}

/**
 * 署名 and the first part of the title: the organ's full name; for a 汇总 report the area it covers
 * (示范县人民政府 → 示范县), as real county governments title it (「示范县2024年政府信息公开工作年度报告」).
 */
export function reportSigner(organ: { fullName: string; shortName: string }, reportKind: string): string {
  if (reportKind !== "ROLLUP") return organ.fullName;
  const area = organ.fullName.replace(/人民政府$/, "");
  return area || organ.shortName;
}

// ---- deadlines -------------------------------------------------------------------------------

export type Day = { year: number; month: number; day: number };

export const DEADLINE_KEYS = ["ORGAN", "BENJI", "COUNTY_ROLLUP", "CITY_ROLLUP", "PROVINCE_ROLLUP"] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];
export function isDeadlineKey(v: unknown): v is DeadlineKey {
  return typeof v === "string" && (DEADLINE_KEYS as readonly string[]).includes(v);
}

/** The format's deadlines (month and day of the year after the report's year). */
export const DEFAULT_DEADLINES: Readonly<Record<DeadlineKey, { month: number; day: number; label: string }>> = {
  ORGAN: { month: 1, day: 31, label: "政府部门、乡镇（街道）年度报告" },
  COUNTY_ROLLUP: { month: 2, day: 20, label: "县级汇总报告" },
  CITY_ROLLUP: { month: 3, day: 10, label: "地市级汇总报告" },
  PROVINCE_ROLLUP: { month: 3, day: 31, label: "省级汇总报告" },
  BENJI: { month: 3, day: 31, label: "各级人民政府本级报告" },
};

/** Which deadline applies to a report of `reportKind` by an organ of `organKind`. */
export function deadlineKeyOf(organKind: string, reportKind: string): DeadlineKey {
  if (!isGovernment(organKind)) return "ORGAN";
  if (reportKind !== "ROLLUP") return "BENJI";
  return organKind === "PROVINCE" ? "PROVINCE_ROLLUP" : organKind === "CITY" ? "CITY_ROLLUP" : "COUNTY_ROLLUP";
}

/** The deadline of a report for `year`, with an admin's setting for that year when there is one. */
export function deadlineOf(
  organKind: string,
  reportKind: string,
  year: number,
  settings?: Partial<Record<DeadlineKey, { month: number; day: number }>>,
): Day {
  const key = deadlineKeyOf(organKind, reportKind);
  const d = settings?.[key] ?? DEFAULT_DEADLINES[key];
  return { year: year + 1, month: d.month, day: d.day };
}

export function dayLabel(d: Day): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/**
 * The deadlines that apply to a list of reports, in words, for a header: per kind of deadline present (in
 * the chain's order), its day, or the first and last day where an admin set some organs' days apart.
 * 「政府部门、乡镇（街道）年度报告2027年1月31日前；县级汇总报告2027年2月20日前」.
 */
export function deadlineSummary(entries: Iterable<{ key: DeadlineKey; day: Day }>): string {
  const byKey = new Map<DeadlineKey, Map<string, Day>>();
  for (const { key, day } of entries) {
    const days = byKey.get(key) ?? new Map<string, Day>();
    days.set(dayLabel(day), day);
    byKey.set(key, days);
  }
  const order = (d: Day) => d.year * 10_000 + d.month * 100 + d.day;
  return (Object.keys(DEFAULT_DEADLINES) as DeadlineKey[])
    .flatMap((key) => {
      const days = [...(byKey.get(key)?.values() ?? [])].sort((a, b) => order(a) - order(b));
      const first = days[0];
      const last = days[days.length - 1];
      if (!first || !last) return [];
      const label = DEFAULT_DEADLINES[key].label;
      return [days.length === 1 ? `${label}${dayLabel(first)}前` : `${label}${dayLabel(first)}至${dayLabel(last)}前（各机关不同，见各行）`];
    })
    .join("；");
}

/** Whether month/day is a real day (in a leap year for 2月29日). */
export function validMonthDay(month: number, day: number): boolean {
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}
