import "server-only";
import { z } from "zod";
import {
  changedFields,
  checkFieldValue,
  fieldEquals,
  fieldValue,
  isEditable,
  mergeChanges,
  parseDraft,
  STATUS_LABELS,
  withFields,
  type FieldChange,
  type FieldValue,
  type RejectedField,
  type SaveResult,
} from "@/lib/report";
import { CELLS, type ReportContent } from "@/lib/template";
import { getDb, providerOf, type Db, type DbTx } from "../db-core";
import { eventId } from "./event-id";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { findingCountsFor } from "./finding-counts";
import { auditDetail, parseStoredContent, toReportStatus } from "./report-row";
import { sql } from "../sql";

/** Most fields one save may carry (a report has ~230; a pasted block or a restore stays well below). */
export const MAX_CHANGES_PER_SAVE = 2000;
/**
 * Waiting for a pooled connection (Prisma's default: 2 s, then error P2028): at peak load (bench:load) a
 * save is better late than refused — a refused save only comes back as the editor's retry.
 */
const SAVE_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };
/** A concurrent writer between our read and our conditional update: merge again this many times. */
const WRITE_ATTEMPTS = 4;

const fieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ charged: z.boolean().nullable(), pieces: z.string(), amount: z.string() }),
]);
export const saveChangesSchema = z
  .array(z.object({ ref: z.string().min(1).max(300), base: fieldValueSchema, value: fieldValueSchema }))
  .max(MAX_CHANGES_PER_SAVE)
  // one change per field (the editor sends each changed field once): with two, one could be stored while the
  // other is answered as refused — a contradictory answer (found by bench/fuzz.ts)
  .refine((changes) => new Set(changes.map((c) => c.ref)).size === changes.length);

export type SaveReportInput = { reportId: string; baseVersion: number; changes: unknown };

const NOT_FOUND: SaveResult = { ok: false, code: "NOT_FOUND", message: "找不到该报告，或您无权访问。" };
const readOnly = (status: string): SaveResult => ({
  ok: false,
  code: "READ_ONLY",
  message: `该报告当前状态为“${STATUS_LABELS[toReportStatus(status)]}”，不能修改。`,
});

/**
 * Saves a draft field by field: each change is applied when the field still holds the value the editor
 * started from, reported as a conflict when someone else changed it meanwhile, and refused (alone —
 * every other field is saved) when it cannot be stored. Fields the editor did not change are never
 * touched. The write is a conditional update on the version read, retried with a fresh merge when
 * another save got in between.
 */
export async function saveReport(user: Actor, input: SaveReportInput, db: Db = getDb()): Promise<SaveResult> {
  return writeFields(user, input, db, {});
}

/** What a 汇总 report's tables and fee statement hold comes from its roll-up, not from typing. */
export const LINKED_MESSAGE = "汇总报告的表格数据和信息处理费来自下级机关已审核的报告，不能直接修改；请使用“更新汇总数据”。";
const isLinkedRef = (ref: string) => ref === "fee" || CELLS.has(ref);

/**
 * The merge-and-write behind saveReport. `linked`: the roll-up refresh may write a 汇总 report's
 * linked fields (its tables and fee), and `data` adds columns to the same conditional update.
 */
export async function writeFields(
  user: Actor,
  input: SaveReportInput,
  db: Db,
  opts: { linked?: boolean; data?: { rollupBasis?: string }; action?: string },
): Promise<SaveResult> {
  const scope = reportScope(user, "edit");
  // Not editable by this user: say whether it is read-only to them or not theirs at all.
  const refused = async (): Promise<SaveResult> => {
    const exists = await db.report.findFirst({ where: { AND: [{ id: input.reportId }, reportScope(user)] }, select: { id: true } });
    return exists ? { ok: false, code: "READ_ONLY", message: "您没有修改该报告的权限。" } : NOT_FOUND;
  };
  if (!can(user, "report:edit")) return refused();
  const parsedChanges = saveChangesSchema.safeParse(input.changes);
  if (!parsedChanges.success) return { ok: false, code: "INVALID", message: "保存请求格式不正确，请刷新页面后重试（本页内容已保留在本机）。" };

  // Each change on its own: a field that cannot be stored is refused alone.
  const rejected: RejectedField[] = [];
  let changes: FieldChange<FieldValue>[] = [];
  for (const c of parsedChanges.data) {
    const check = checkFieldValue(c.ref, c.value);
    if (!check.ok) rejected.push({ ref: c.ref, message: check.message });
    else changes.push({ ref: c.ref, base: c.base, value: check.value });
  }

  /**
   * One read, merge and conditional write on `dbx`; "lost" when another write got in between. `locked`:
   * inside a transaction that holds the report's row, where nobody can get in between.
   */
  const attempt = async (dbx: DbTx, first: boolean, locked: boolean): Promise<SaveResult | "lost"> => {
    const current = await readForWrite(dbx, input.reportId, scope);
    // (the edit scope is in the read itself: no separate access query on the autosave path)
    if (!current) return first ? refused() : NOT_FOUND;
    // A 汇总 report's tables stay linked to the roll-up: typed changes to them are refused (each alone).
    if (current.kind === "ROLLUP" && !opts.linked) {
      for (const c of changes.filter((x) => isLinkedRef(x.ref))) rejected.push({ ref: c.ref, message: LINKED_MESSAGE });
      changes = changes.filter((x) => !isLinkedRef(x.ref));
    }
    // An imported report is the file as it was published: read-only whatever its status.
    if (current.source === "IMPORT") return { ok: false, code: "READ_ONLY", message: "该报告是从文件导入的存档，只读，不能修改。" };
    if (!isEditable(toReportStatus(current.status))) return readOnly(current.status);

    const stored = parseStoredContent(current.content);
    const { apply, conflicts } = mergeChanges(changes, (ref) => fieldValue(stored, ref) ?? null, fieldEquals);
    const others = current.version !== input.baseVersion;
    if (apply.length === 0 && !opts.data) {
      return {
        ok: true,
        version: current.version,
        savedAt: current.updatedAt.toISOString(),
        content: others ? stored : null,
        conflicts,
        rejected,
      };
    }
    const merged = withFields(stored, apply.map((c) => [c.ref, c.value] as const));
    const parsed = parseDraft(merged);
    if (!parsed.ok) return { ok: false, code: "INVALID", message: `内容不符合要求：${parsed.messages.slice(0, 3).join("；")}` };

    // Open errors/warnings for the dashboard (computed here once, never at read time).
    const counts = await findingCountsFor(
      user,
      { organId: current.organId, year: current.year, organKind: current.organ.kind, organName: current.organ.fullName, kind: current.kind },
      parsed.content,
      dbx,
    );
    const written = await writeVersion(dbx, locked, scope, {
      id: current.id,
      version: current.version,
      userId: user.id,
      content: JSON.stringify(parsed.content),
      counts,
      data: opts.data,
      action: opts.action ?? "report.save",
      detail: auditDetail({
        fromVersion: current.version,
        toVersion: current.version + 1,
        fields: apply.length,
        ...(conflicts.length ? { conflicts: conflicts.length } : {}),
        ...(rejected.length ? { rejected: rejected.length } : {}),
      }),
    });
    if (written) {
      return {
        ok: true,
        version: written.version,
        savedAt: written.updatedAt.toISOString(),
        content: others ? parsed.content : null,
        conflicts,
        rejected,
      };
    }
    // Another save or a status change got in between: read again and merge again.
    return "lost";
  };

  for (let i = 0; i < WRITE_ATTEMPTS; i++) {
    const r = await attempt(db, i === 0, false);
    if (r !== "lost") return r;
  }
  // Still losing the race (many tabs on one report, or an overloaded server where the time between read and
  // write grows): the last attempt takes the report's row first, so that it cannot lose.
  const provider = providerOf(db);
  const last = await db.$transaction(async (tx) => {
    await lockReportRow(tx, provider, input.reportId);
    return attempt(tx, false, true);
  }, SAVE_TRANSACTION);
  return last === "lost" ? { ok: false, code: "ERROR", message: "报告正被频繁修改，本次未能保存，将自动重试（本页内容已保留在本机）。" } : last;
}

/**
 * Takes the report's row for the rest of the transaction: PostgreSQL locks it (FOR UPDATE; another
 * instance's locked save waits here), SQLite takes its one write lock with a write that changes nothing.
 */
async function lockReportRow(tx: DbTx, provider: ReturnType<typeof providerOf>, reportId: string): Promise<void> {
  if (provider === "postgres") await tx.$queryRaw`SELECT "id" FROM "Report" WHERE "id" = ${reportId} FOR UPDATE`;
  else await tx.$executeRaw`UPDATE "Report" SET "version" = "version" WHERE "id" = ${reportId}`;
}

type VersionWrite = {
  id: string;
  /** the version read: the write happens only if it is still current */
  version: number;
  userId: string;
  content: string;
  counts: { errorCount: number; warningCount: number };
  data?: { rollupBasis?: string };
  action: string;
  detail: string;
};

/**
 * The conditional update on the version read (which makes the new version exactly version + 1) and its
 * audit row, atomically; null when another write got in between. updatedAt is set here so that nothing
 * needs reading back. On PostgreSQL, for a clerk's edit scope, one plain SQL statement (an UPDATE … RETURNING
 * feeding the INSERT of the audit row): the hottest write of the January week, where Prisma's interactive
 * transaction costs ~4 ms of CPU and four round trips (bench:load, README "Deployment"). Otherwise a Prisma
 * transaction.
 */
async function writeVersion(
  db: DbTx,
  inTransaction: boolean,
  scope: ReturnType<typeof reportScope>,
  w: VersionWrite,
): Promise<{ version: number; updatedAt: Date } | null> {
  const updatedAt = new Date();
  const row = { version: w.version + 1, updatedAt };
  const organId = Object.keys(scope).length === 1 && typeof scope.organId === "string" ? scope.organId : null;
  if (!inTransaction && organId !== null && providerOf(db) === "postgres") {
    const rollupBasis = w.data?.rollupBasis;
    const done = await sql(db)<{ reportId: string }>`
      WITH u AS (
        UPDATE "Report" SET "content" = ${w.content}, "version" = "version" + 1, "updatedById" = ${w.userId},
          "updatedAt" = ${updatedAt}, "errorCount" = ${w.counts.errorCount}, "warningCount" = ${w.counts.warningCount},
          "rollupBasis" = CASE WHEN ${rollupBasis !== undefined}::boolean THEN ${rollupBasis ?? null}::text ELSE "rollupBasis" END
        WHERE "id" = ${w.id} AND "version" = ${w.version} AND "organId" = ${organId}
          AND "status" IN ('DRAFT', 'RETURNED') AND "source" = 'EDITOR'
        RETURNING "id"
      )
      INSERT INTO "ReportEvent" ("id", "reportId", "actorId", "action", "detail", "createdAt")
      SELECT ${eventId()}::text, u."id", ${w.userId}::text, ${w.action}::text, ${w.detail}::text, ${updatedAt}::timestamp(3) FROM u
      RETURNING "reportId"`;
    return done.length === 1 ? row : null;
  }
  const write = async (tx: DbTx) => {
    const updated = await tx.report.updateMany({
      where: { AND: [{ id: w.id, version: w.version, status: { in: ["DRAFT", "RETURNED"] }, source: "EDITOR" }, scope] },
      data: { content: w.content, version: { increment: 1 }, updatedById: w.userId, updatedAt, ...w.counts, ...w.data },
    });
    if (updated.count !== 1) return null;
    await tx.reportEvent.create({ data: { reportId: w.id, actorId: w.userId, action: w.action, detail: w.detail } });
    return row;
  };
  return inTransaction ? write(db) : (db as Db).$transaction(write, SAVE_TRANSACTION);
}

type WriteRow = {
  id: string;
  status: string;
  source: string;
  version: number;
  content: string;
  updatedAt: Date;
  organId: string;
  year: number;
  kind: string;
  organ: { kind: string; fullName: string };
};

/**
 * The report as a save needs it, within the edit scope. A clerk's edit scope is their organ's reports
 * (reportScope): then one plain SQL statement, as every autosave reads here and a Prisma model query costs
 * ~2-3 ms of CPU against ~0.5 ms (bench:load, README "Deployment"); any other scope goes through Prisma.
 */
async function readForWrite(db: DbTx, reportId: string, scope: ReturnType<typeof reportScope>): Promise<WriteRow | null> {
  const keys = Object.keys(scope);
  if (keys.length === 1 && typeof scope.organId === "string") {
    const rows = await sql(db)<Omit<WriteRow, "organ" | "updatedAt"> & { updatedAt: Date | string | number; organKind: string; organName: string }>`
      SELECT r."id", r."status", r."source", r."version", r."content", r."updatedAt", r."organId", r."year", r."kind",
        o."kind" AS "organKind", o."fullName" AS "organName"
      FROM "Report" r JOIN "Organ" o ON o."id" = r."organId"
      WHERE r."id" = ${reportId} AND r."organId" = ${scope.organId}`;
    const r = rows[0];
    if (!r) return null;
    const { organKind, organName, ...row } = r;
    return { ...row, version: Number(row.version), year: Number(row.year), updatedAt: new Date(row.updatedAt), organ: { kind: organKind, fullName: organName } };
  }
  return db.report.findFirst({
    where: { AND: [{ id: reportId }, scope] },
    select: {
      id: true,
      status: true,
      source: true,
      version: true,
      content: true,
      updatedAt: true,
      organId: true,
      year: true,
      kind: true,
      organ: { select: { kind: true, fullName: true } },
    },
  });
}

/**
 * Sets the whole content (seed scripts, imports, tests): every field that differs from what is stored
 * now is saved over it. Editors never use this — they send their own changes (saveReport).
 */
export async function replaceReportContent(
  user: Actor,
  input: { reportId: string; baseVersion: number; content: ReportContent },
  db: Db = getDb(),
): Promise<SaveResult> {
  const row = await db.report.findFirst({
    where: { AND: [{ id: input.reportId }, reportScope(user)] },
    select: { content: true },
  });
  if (!row) return NOT_FOUND;
  const changes = changedFields(parseStoredContent(row.content), input.content).map((c) => ({
    ref: c.ref,
    base: c.before,
    value: c.after,
  }));
  return saveReport(user, { reportId: input.reportId, baseVersion: input.baseVersion, changes }, db);
}
