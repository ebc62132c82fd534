import "server-only";
import type { Db } from "../db-core";
import type { Actor } from "../types";
import { parseStoredContent } from "./report-row";
import { getRollup } from "./rollup";
import { rollupDrift } from "./refresh-rollup-report";

/**
 * A 汇总 report goes up, is approved and is published with the figures of its subordinates as they
 * stand: how many of its linked fields differ from the roll-up now (a township returned or re-approved
 * since 更新汇总数据), or the roll-up's own refusal. Null for another kind of report, or when current.
 */
export async function rollupStaleness(
  user: Actor,
  report: { id: string; organId: string; year: number; kind: string; content: string },
  db: Db,
): Promise<{ stale: number } | { message: string } | null> {
  if (report.kind !== "ROLLUP") return null;
  const stored = await db.report.findUnique({ where: { id: report.id }, select: { rollupBasis: true, source: true } });
  // an imported 汇总 report is the file as published elsewhere: not linked to the roll-up
  if (stored?.source === "IMPORT") return null;
  const rollup = await getRollup(user, { organId: report.organId, year: report.year }, db);
  if (!rollup.ok) return { message: rollup.message };
  const drift = rollupDrift(parseStoredContent(report.content), stored?.rollupBasis ?? null, rollup.view);
  return drift.fields.length > 0 ? { stale: drift.fields.length } : null;
}

/**
 * Which of the 汇总 reports `ids` hold figures no longer current, as rollupStaleness says. A cheap look
 * first, two queries for all of them, at the reports each was built from (its rollupBasis): only a 汇总
 * where one of them is gone, no longer approved or published, or approved again after the 汇总 was
 * submitted (its submission refuses stale figures, so nothing before it counts) is checked against the
 * roll-up itself. Publishing a member changes its version, not its figures: it is not a reason to look.
 */
export async function staleRollupReports(user: Actor, ids: readonly string[], db: Db): Promise<Map<string, { stale: number } | { message: string }>> {
  const out = new Map<string, { stale: number } | { message: string }>();
  if (ids.length === 0) return out;
  const reports = await db.report.findMany({
    where: { id: { in: [...ids] }, kind: "ROLLUP" },
    select: { id: true, organId: true, year: true, kind: true, content: true, rollupBasis: true, submittedAt: true },
  });
  const bases = new Map<string, Record<string, number>>();
  for (const r of reports) {
    try {
      bases.set(r.id, r.rollupBasis ? (JSON.parse(r.rollupBasis) as Record<string, number>) : {});
    } catch {
      bases.set(r.id, {});
    }
  }
  const memberIds = [...new Set([...bases.values()].flatMap((b) => Object.keys(b)))];
  const members = new Map(
    (memberIds.length
      ? await db.report.findMany({ where: { id: { in: memberIds } }, select: { id: true, status: true, version: true, approvedAt: true } })
      : []
    ).map((m) => [m.id, m]),
  );
  for (const r of reports) {
    const submitted = r.submittedAt;
    const moved = Object.entries(bases.get(r.id) ?? {}).some(([id, version]) => {
      const m = members.get(id);
      if (!m || (m.status !== "APPROVED" && m.status !== "PUBLISHED")) return true;
      return submitted ? !!m.approvedAt && m.approvedAt > submitted : m.version !== version;
    });
    if (!moved) continue;
    const s = await rollupStaleness(user, r, db);
    if (s) out.set(r.id, s);
  }
  return out;
}

/** The words for a stale 汇总 report: why it cannot be approved or published, and what to do. */
export function staleRollupMessage(s: { stale: number } | { message: string }, verb: string): string {
  if ("message" in s) return s.message;
  return (
    `提交以来下级报告有变化（有机关被退回或重新审核通过），汇总数据有 ${s.stale} 处已不是最新的，不能${verb}：` +
    `数字会与下级机关的报告不一致。请退回修改，由填报人「更新汇总数据」后重新提交。`
  );
}

/** The reviewer's refusal to approve or publish a 汇总 report whose figures are no longer current, or null. */
export async function staleRollupRefusal(
  user: Actor,
  report: { id: string; organId: string; year: number; kind: string; content: string },
  verb: "审核通过" | "发布",
  db: Db,
): Promise<string | null> {
  const s = await rollupStaleness(user, report, db);
  return s ? staleRollupMessage(s, verb) : null;
}
