import "server-only";
import { fieldEquals, fieldValue, STATUS_LABELS, type FieldChange, type FieldValue } from "@/lib/report";
import { CELLS, type ReportContent } from "@/lib/template";
import { getDb, type Db } from "../db-core";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { parseStoredContent, toReportStatus } from "./report-row";
import { getRollup, type RollupView } from "./rollup";
import { writeFields } from "./save-report";

export type RollupDrift = {
  /** Linked fields whose stored value differs from the roll-up now: label-free refs with both values. */
  fields: { ref: string; stored: FieldValue; now: FieldValue }[];
  /** Subordinate reports that entered, left or changed since the tables were filled. */
  added: string[];
  removed: string[];
  changed: string[];
};

const LINKED_REFS = [...[...CELLS.values()].filter((c) => !c.computed).map((c) => c.id), "fee"];

/** How a 汇总 report's stored tables differ from its roll-up now. */
export function rollupDrift(content: ReportContent, basisJson: string | null, view: RollupView): RollupDrift {
  const now: ReportContent = { ...content, cells: view.cells, fee: view.fee };
  const fields = LINKED_REFS.flatMap((ref) => {
    const a = fieldValue(content, ref) ?? null;
    const b = fieldValue(now, ref) ?? null;
    return fieldEquals(a, b) ? [] : [{ ref, stored: a, now: b }];
  });
  let basis: Record<string, number> = {};
  try {
    basis = basisJson ? (JSON.parse(basisJson) as Record<string, number>) : {};
  } catch {
    basis = {};
  }
  const added = Object.keys(view.basis).filter((id) => !(id in basis));
  const removed = Object.keys(basis).filter((id) => !(id in view.basis));
  const changed = Object.keys(view.basis).filter((id) => id in basis && basis[id] !== view.basis[id]);
  return { fields, added, removed, changed };
}

export type RefreshResult = { ok: true; changed: number; version: number } | { ok: false; message: string };

/**
 * Fills a 汇总 report's tables and fee statement again from the roll-up (the clerk's 更新汇总数据), as a
 * field-by-field save against the values the clerk saw — so nothing typed meanwhile is overwritten.
 */
export async function refreshRollupReport(user: Actor, input: { reportId: string }, db: Db = getDb()): Promise<RefreshResult> {
  const row = await db.report.findFirst({
    where: { AND: [{ id: input.reportId, kind: "ROLLUP" }, reportScope(user, "edit")] },
    select: { id: true, organId: true, year: true, status: true, version: true, content: true, rollupBasis: true },
  });
  if (!row) return { ok: false, message: "找不到该汇总报告，或您无权修改。" };
  const status = toReportStatus(row.status);
  if (status !== "DRAFT" && status !== "RETURNED")
    return { ok: false, message: `该报告当前状态为“${STATUS_LABELS[status]}”，不能更新汇总数据。` };
  const rollup = await getRollup(user, { organId: row.organId, year: row.year }, db);
  if (!rollup.ok) return { ok: false, message: rollup.message };
  const drift = rollupDrift(parseStoredContent(row.content), row.rollupBasis, rollup.view);
  const changes: FieldChange<FieldValue>[] = drift.fields.map((f) => ({ ref: f.ref, base: f.stored, value: f.now }));
  const r = await writeFields(user, { reportId: row.id, baseVersion: row.version, changes }, db, {
    linked: true,
    data: { rollupBasis: JSON.stringify(rollup.view.basis) },
    action: "report.rollup_refresh",
  });
  if (!r.ok) return { ok: false, message: r.message };
  if (r.conflicts.length) return { ok: false, message: "汇总数据在更新时被修改，请刷新页面后重试。" };
  return { ok: true, changed: changes.length, version: r.version };
}
