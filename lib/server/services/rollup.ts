// 汇总 (roll-up) of a government for a year: tables 二/三/四 added up over its direct subordinates'
// final (approved or published) reports — each 政府部门's and 乡镇's own report, and each subordinate
// government's 汇总 report. So a city's roll-up is over its departments and its counties' roll-ups
// (which are over the counties' departments and townships), consistently at every level, and every
// figure a level publishes is one its level above approved. A government's 本级 report stands apart
// (published by 3月31日) and is not part of its 汇总.
// No server-only: bench/rollup.ts runs it under plain node.
import {
  computeTotals,
  isGovernment,
  isOrganKind,
  reportKindLabel,
  reportName,
  STATUS_LABELS,
  sumReports,
  type Day,
  type ReportStatus,
  type Totals,
} from "@/lib/report";
import type { CellValues, FeeStatement } from "@/lib/template";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { FINAL_STATUSES, organScope, reportScope, rollupMemberReports } from "../scope";
import type { Actor } from "../types";
import { deadlineResolver } from "./deadlines";
import { toReportStatus } from "./report-row";

/**
 * The figures of a stored report (its cells and fee statement) without validating the whole content:
 * every write stores validated content, and the roll-up reads thousands of them. Anything that is not a
 * figure the roll-up can read makes that source "invalid" there (sumReports), never a crash.
 */
function storedFigures(json: string): { cells: CellValues; fee: FeeStatement } {
  try {
    const raw = JSON.parse(json) as { cells?: unknown; fee?: unknown };
    const cells = raw.cells && typeof raw.cells === "object" ? (raw.cells as CellValues) : {};
    const f = (raw.fee ?? {}) as Partial<FeeStatement>;
    const fee: FeeStatement = {
      charged: typeof f.charged === "boolean" ? f.charged : null,
      pieces: typeof f.pieces === "string" ? f.pieces : "",
      amount: typeof f.amount === "string" ? f.amount : "",
    };
    return { cells, fee };
  } catch {
    return { cells: {}, fee: { charged: null, pieces: "", amount: "" } };
  }
}

export type MemberState = "included" | "missing" | "not_final" | "invalid" | "stale";

export type RollupMember = {
  organId: string;
  organName: string;
  organShortName: string;
  organKind: string;
  active: boolean;
  /** The report that counts for this member: ORGAN for 部门/乡镇, ROLLUP for a subordinate government. */
  reportKind: "ORGAN" | "ROLLUP";
  reportKindLabel: string;
  reportId: string | null;
  status: ReportStatus | "NONE";
  version: number | null;
  errorCount: number;
  deadline: Day;
  /** The deadline passed and the report is not published. */
  late: boolean;
  state: MemberState;
  /** Why it is not in the sum (Chinese), null when included. */
  reason: string | null;
};

export type RollupView = {
  organ: { id: string; fullName: string; shortName: string; kind: string };
  year: number;
  members: RollupMember[];
  cells: CellValues;
  totals: Totals;
  fee: FeeStatement;
  /** The reports in the sum with their cells, in member order (the drill-down and the long sheet). */
  sources: { reportId: string; organId: string; organName: string; cells: CellValues }[];
  included: number;
  /** The reports the sum was computed from (report id → version): stored with a 汇总 report to see what changed. */
  basis: Record<string, number>;
  /** The government's own 汇总 report for the year, if it was created. */
  report: { id: string; status: ReportStatus; version: number } | null;
};

export type RollupResult = { ok: true; view: RollupView } | { ok: false; code: "NOT_FOUND" | "NOT_GOVERNMENT" | "NO_MEMBERS" | "INVALID_YEAR"; message: string };

const CHINA_OFFSET_MS = 8 * 3600_000;
const dayEnd = (d: Day) => Date.UTC(d.year, d.month - 1, d.day + 1) - CHINA_OFFSET_MS;

/** The earliest and latest year a roll-up can be asked for. */
export function rollupYearRange(now = new Date()): { min: number; max: number } {
  return { min: 2021, max: new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear() };
}

/**
 * ?year= as asked: the number written (20266 and 1900 stay what they are, for the range check to refuse),
 * NaN for anything that is not a whole number of digits (「abc」「-1」「2026.5」). Never the current year:
 * a bad year is said to be bad, not replaced.
 */
export function rollupYearParam(raw: string): number {
  const s = raw.trim();
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}

/** Why a roll-up cannot be asked for `year` (outside rollupYearRange, or not a whole number), or null. */
export function rollupYearProblem(year: number, now = new Date()): string | null {
  const { min, max } = rollupYearRange(now);
  return Number.isInteger(year) && year >= min && year <= max ? null : `年度须为 ${min} 至 ${max} 之间的整数。`;
}

/**
 * The roll-up of government `organId` for `year`, for a user who may see it: supervisors and admins
 * whose scope holds the government, and the government's own clerks (who write its 汇总 report).
 */
export async function getRollup(user: Actor, input: { organId: string; year: number }, db: Db = getDb(), now = new Date()): Promise<RollupResult> {
  const yearProblem = rollupYearProblem(input.year, now);
  if (yearProblem) return { ok: false, code: "INVALID_YEAR", message: yearProblem };
  if (!can(user, "report:read")) return { ok: false, code: "NOT_FOUND", message: "找不到该机关，或您无权查看其汇总。" };
  const organ = await db.organ.findFirst({
    where: { AND: [{ id: input.organId }, organScope(user)] },
    select: { id: true, fullName: true, shortName: true, kind: true },
  });
  if (!organ) return { ok: false, code: "NOT_FOUND", message: "找不到该机关，或您无权查看其汇总。" };
  if (!isGovernment(organ.kind)) return { ok: false, code: "NOT_GOVERNMENT", message: `${organ.fullName}不是人民政府，没有汇总报告。` };

  const { year } = input;
  const [children, reports, own, deadline] = await Promise.all([
    db.organ.findMany({
      where: { parentId: organ.id, OR: [{ active: true }, { reports: { some: { year } } }] },
      orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
      select: { id: true, fullName: true, shortName: true, kind: true, active: true },
    }),
    // The status of the subordinates' reports (no content): whoever may see this roll-up may see these
    // (lib/server/scope.ts rollupMemberReports); the figures are read below through reportScope.
    db.report.findMany({
      where: rollupMemberReports(organ.id, year),
      select: { id: true, organId: true, kind: true, status: true, version: true, errorCount: true },
    }),
    db.report.findFirst({
      where: { AND: [{ organId: organ.id, year, kind: "ROLLUP" }, reportScope(user)] },
      select: { id: true, status: true, version: true },
    }),
    deadlineResolver(db, year),
  ]);
  if (children.length === 0)
    return { ok: false, code: "NO_MEMBERS", message: `${organ.fullName}下还没有下级机关（政府部门、乡镇或下级人民政府），无法汇总。请管理员先添加机关。` };

  // Which report counts for each child: its own, or (a government) its 汇总 — also in the visible list,
  // a government's clerk reads only final reports below.
  const wanted = (kind: string) => (isGovernment(kind) ? "ROLLUP" : "ORGAN");
  const byOrgan = new Map(reports.map((r) => [`${r.organId}:${r.kind}`, r]));
  const members: RollupMember[] = [];
  const finalIds: string[] = [];
  const nowMs = now.getTime();
  for (const c of children) {
    const reportKind = wanted(c.kind);
    const r = byOrgan.get(`${c.id}:${reportKind}`) ?? null;
    const status = r ? toReportStatus(r.status) : "NONE";
    const due = deadline({ id: c.id, kind: c.kind }, reportKind);
    const final = r !== null && (FINAL_STATUSES as readonly string[]).includes(status);
    members.push({
      organId: c.id,
      organName: c.fullName,
      organShortName: c.shortName,
      organKind: isOrganKind(c.kind) ? c.kind : c.kind,
      active: c.active,
      reportKind,
      reportKindLabel: reportKindLabel(c.kind, reportKind),
      reportId: r?.id ?? null,
      status,
      version: r?.version ?? null,
      errorCount: r?.errorCount ?? 0,
      deadline: due,
      late: status !== "PUBLISHED" && nowMs >= dayEnd(due),
      state: final ? "included" : r ? "not_final" : "missing",
      reason: final
        ? null
        : r
          ? `${reportKindLabel(c.kind, reportKind)}${STATUS_LABELS[status as ReportStatus]}，尚未审核通过，未计入`
          : `尚未创建${reportName(year, c.kind, reportKind)}，未计入`,
    });
    if (final) finalIds.push(r.id);
  }
  // the figures of the final reports, read through the user's own scope (no id list: a level may have
  // thousands of members, beyond a database's parameter limit)
  const wantedIds = new Set(finalIds);
  const bodies = finalIds.length
    ? (
        await db.report.findMany({
          where: { AND: [rollupMemberReports(organ.id, year), { status: { in: [...FINAL_STATUSES] } }, reportScope(user)] },
          select: { id: true, organId: true, kind: true, content: true, rollupBasis: true, organ: { select: { fullName: true } } },
        })
      ).filter((b) => wantedIds.has(b.id))
    : [];
  // a subordinate government's 汇总 that counted organs since moved out from under it, or reports since
  // returned (no longer approved): not summed
  const stale = await staleRollups(db, bodies);
  for (const [reportId, { moved, reopened }] of stale) {
    const m = members.find((x) => x.reportId === reportId);
    if (!m) continue;
    m.state = "stale";
    const why = [
      moved.length ? `计入的${moved.join("、")}已不属于${m.organShortName}（机关已调整），其数字会被重复计算或计错` : "",
      reopened.length ? `计入的${reopened.join("、")}的报告已被退回或重新提交（不再是审核通过的报告），汇总中仍是其原来的数字` : "",
    ].filter(Boolean);
    m.reason = `${m.reportKindLabel}${why.join("；")}，未计入：请将该汇总报告退回修改，由${m.organShortName}点「更新汇总数据」后重新提交`;
  }
  const order = new Map(finalIds.map((id, i) => [id, i]));
  bodies.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const inputs = bodies.filter((b) => !stale.has(b.id)).map((b) => {
    const { cells, fee } = storedFigures(b.content);
    return { reportId: b.id, organId: b.organId, organName: b.organ.fullName, cells, fee };
  });
  const sum = sumReports(inputs);
  const invalidIds = new Set(sum.invalid.map((x) => x.reportId));
  for (const bad of sum.invalid) {
    const m = members.find((x) => x.reportId === bad.reportId);
    if (m) {
      m.state = "invalid";
      m.reason = `报告中有 ${bad.cells.length} 处数据无效，未计入`;
    }
  }
  const included = members.filter((m) => m.state === "included");
  return {
    ok: true,
    view: {
      organ,
      year,
      members,
      cells: sum.cells,
      totals: computeTotals(sum.cells),
      fee: sum.fee,
      sources: inputs
        .filter((i) => !invalidIds.has(i.reportId))
        .map((i) => ({ reportId: i.reportId, organId: i.organId, organName: i.organName, cells: i.cells })),
      included: included.length,
      basis: Object.fromEntries(included.map((m) => [m.reportId!, m.version!])),
      report: own ? { id: own.id, status: toReportStatus(own.status), version: own.version } : null,
    },
  };
}

/**
 * For each 汇总 report among `bodies` (a subordinate government's, summed by its level above), the reports
 * it counted (its rollupBasis) whose figures it no longer stands for:
 *   - moved: of organs no longer under that government (an admin moved them since) — counted twice (also
 *     in their new government's 汇总) or under the wrong area;
 *   - reopened: no longer approved (returned or submitted again since) — their figures may change.
 * Report id → the organs' full names; only stale reports appear.
 */
async function staleRollups(
  db: Db,
  bodies: { id: string; organId: string; kind: string; rollupBasis: string | null }[],
): Promise<Map<string, { moved: string[]; reopened: string[] }>> {
  const bases = new Map<string, string[]>();
  for (const b of bodies) {
    if (b.kind !== "ROLLUP" || !b.rollupBasis) continue;
    try {
      bases.set(b.id, Object.keys(JSON.parse(b.rollupBasis) as Record<string, number>));
    } catch {
      // an unreadable basis says nothing about moves
    }
  }
  const counted = [...new Set([...bases.values()].flat())];
  if (counted.length === 0) return new Map();
  const reports = await db.report.findMany({
    where: { id: { in: counted } },
    select: { id: true, organId: true, status: true, organ: { select: { fullName: true } } },
  });
  const owner = new Map(reports.map((r) => [r.id, r]));
  const governments = [...new Set(bodies.filter((b) => bases.has(b.id)).map((b) => b.organId))];
  const under = new Set(
    (
      await db.organClosure.findMany({
        where: { ancestorId: { in: governments }, organId: { in: [...new Set(reports.map((r) => r.organId))] } },
        select: { ancestorId: true, organId: true },
      })
    ).map((c) => `${c.ancestorId}:${c.organId}`),
  );
  const out = new Map<string, { moved: string[]; reopened: string[] }>();
  const final = new Set<string>(FINAL_STATUSES);
  for (const b of bodies) {
    const counted = (bases.get(b.id) ?? []).map((id) => owner.get(id)).filter((r): r is NonNullable<typeof r> => !!r);
    const moved = counted.filter((r) => !under.has(`${b.organId}:${r.organId}`)).map((r) => r.organ.fullName);
    const reopened = counted.filter((r) => under.has(`${b.organId}:${r.organId}`) && !final.has(r.status)).map((r) => r.organ.fullName);
    if (moved.length || reopened.length) out.set(b.id, { moved, reopened });
  }
  return out;
}

/** The governments whose roll-up `user` may open (for the selector), top-down in tree order. */
export async function listRollupOrgans(user: Actor, db: Db = getDb()): Promise<{ id: string; fullName: string; kind: string; depth: number }[]> {
  if (!can(user, "report:read")) return [];
  const rows = await db.organ.findMany({
    where: { AND: [organScope(user), { kind: { in: ["PROVINCE", "CITY", "COUNTY"] } }] },
    select: { id: true, fullName: true, kind: true, parentId: true, sortOrder: true, _count: { select: { ancestors: true } } },
    orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
  });
  // parents before children: by depth (closure rows above the organ), then the tree's order
  const ids = new Set(rows.map((r) => r.id));
  const kids = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    kids.set(key, [...(kids.get(key) ?? []), r]);
  }
  const out: { id: string; fullName: string; kind: string; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const r of kids.get(parent) ?? []) {
      out.push({ id: r.id, fullName: r.fullName, kind: r.kind, depth });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
