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

/** The reviewer's refusal to approve or publish a 汇总 report whose figures are no longer current, or null. */
export async function staleRollupRefusal(
  user: Actor,
  report: { id: string; organId: string; year: number; kind: string; content: string },
  verb: "审核通过" | "发布",
  db: Db,
): Promise<string | null> {
  const s = await rollupStaleness(user, report, db);
  if (!s) return null;
  if ("message" in s) return s.message;
  return (
    `提交以来下级报告有变化（有机关被退回或重新审核通过），汇总数据有 ${s.stale} 处已不是最新的，不能${verb}：` +
    `数字会与下级机关的报告不一致。请退回修改，由填报人「更新汇总数据」后重新提交。`
  );
}
