import "server-only";
import { namesIn, planOrganImport, readOrganTable, type ExistingOrgan, type OrganImportPlan, type OrganTable } from "@/lib/admin/organ-import";
import { MAX_LISTED_PROBLEMS, type OrganImportPreview, type OrganImportProblem } from "@/lib/admin/organ-import-columns";
import { readOrganImportFile } from "@/lib/admin/organ-import-file";
import { organKindLabel } from "@/lib/report";
import { getDb, type Db, type DbTx } from "../db-core";
import { eventId } from "./event-id";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { FORBIDDEN, type AdminFailure } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";

export type OrganImportFile = { name: string; bytes: Uint8Array };

export type OrganImportCheck = { ok: true; preview: OrganImportPreview } | (AdminFailure & { preview?: OrganImportPreview });
export type OrganImportDone = { ok: true; created: number; skipped: number } | (AdminFailure & { preview?: OrganImportPreview });

/** A province's import (7,000 organs and their closure rows) may take longer than Prisma's 5 s default. */
const IMPORT_TRANSACTION = { maxWait: 10_000, timeout: 10 * 60_000 };
/** Names per `IN (…)` query (SQLite's and PostgreSQL's bind-variable limits). */
const CHUNK = 500;
/** Rows per multi-row INSERT (organs have 6 columns, closure rows 3: within both databases' bind limits). */
const INSERT_CHUNK = 1_000;

/**
 * Writes the planned organs (parents before children) and their closure rows (lib/server/organ-tree.ts) with a
 * few multi-row INSERTs instead of three statements per organ: a province's 7,000 organs hold the write lock
 * for a moment, not half a minute. The closure rows are those createOrganRow writes: the organ itself at
 * depth 0, then each ancestor of its parent one deeper.
 */
async function insertOrgans(tx: DbTx, organs: OrganImportPlan["organs"]): Promise<void> {
  const idOfRow = new Map<number, string>();
  const rows = organs.map((o) => {
    const id = eventId();
    idOfRow.set(o.row, id);
    return { id, fullName: o.fullName, shortName: o.shortName, kind: o.kind, sortOrder: o.sortOrder, parentId: o.parentRow !== null ? idOfRow.get(o.parentRow)! : o.parentId };
  });
  // the ancestors of the existing organs the file hangs its organs under
  const existingParents = [...new Set(organs.flatMap((o) => (o.parentRow === null && o.parentId ? [o.parentId] : [])))];
  const above = new Map<string, { ancestorId: string; depth: number }[]>();
  for (let i = 0; i < existingParents.length; i += CHUNK) {
    const found = await tx.organClosure.findMany({ where: { organId: { in: existingParents.slice(i, i + CHUNK) } }, select: { organId: true, ancestorId: true, depth: true } });
    for (const c of found) above.set(c.organId, [...(above.get(c.organId) ?? []), { ancestorId: c.ancestorId, depth: c.depth }]);
  }
  const closure: { ancestorId: string; organId: string; depth: number }[] = [];
  for (const r of rows) {
    const mine = [{ ancestorId: r.id, depth: 0 }, ...(r.parentId ? (above.get(r.parentId) ?? []) : []).map((a) => ({ ancestorId: a.ancestorId, depth: a.depth + 1 }))];
    above.set(r.id, mine);
    for (const m of mine) closure.push({ ancestorId: m.ancestorId, organId: r.id, depth: m.depth });
  }
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.organ.createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
  for (let i = 0; i < closure.length; i += INSERT_CHUNK) await tx.organClosure.createMany({ data: closure.slice(i, i + INSERT_CHUNK) });
}

/** The organs named `names` that exist, by full name (one within the admin's subtree preferred). */
async function existingOrgans(db: Db | DbTx, admin: Actor, names: readonly string[]): Promise<Map<string, ExistingOrgan>> {
  const out = new Map<string, ExistingOrgan>();
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    // one after the other: inside a transaction the queries share one connection
    const all = await db.organ.findMany({ where: { fullName: { in: chunk } }, select: { id: true, fullName: true, kind: true, parent: { select: { fullName: true } } } });
    const inScope = await db.organ.findMany({ where: { AND: [{ fullName: { in: chunk } }, organScope(admin)] }, select: { id: true } });
    const scoped = new Set(inScope.map((o) => o.id));
    for (const o of all) {
      const e: ExistingOrgan = { id: o.id, kind: o.kind, parentFullName: o.parent?.fullName ?? null, inScope: scoped.has(o.id) };
      const before = out.get(o.fullName);
      if (!before || (!before.inScope && e.inScope)) out.set(o.fullName, e);
    }
  }
  return out;
}

type Read = { ok: true; table: OrganTable } | { ok: false; preview: OrganImportPreview; message: string };

function previewOf(fileName: string, plan: OrganImportPlan): OrganImportPreview {
  const nameOfRow = new Map(plan.organs.map((o) => [o.row, o.fullName]));
  return {
    fileName,
    create: plan.organs.length,
    skippedCount: plan.skipped.length,
    skipped: plan.skipped.slice(0, MAX_LISTED_PROBLEMS),
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: plan.problems.length,
    sample: plan.organs.slice(0, 20).map((o) => ({
      row: o.row,
      fullName: o.fullName,
      kind: organKindLabel(o.kind),
      parent: o.parentName || (o.parentRow !== null ? (nameOfRow.get(o.parentRow) ?? "") : ""),
    })),
  };
}

function problemsMessage(plan: OrganImportPlan): string {
  const rows = new Set(plan.problems.map((p) => p.row)).size;
  return `文件中有 ${plan.problems.length} 处问题（涉及 ${rows} 行），请在文件中改正后重新上传；尚未导入任何机关。`;
}

async function readTable(file: OrganImportFile): Promise<Read> {
  const empty = (message: string, problems: OrganImportProblem[] = [{ row: null, column: null, message }]): Read => ({
    ok: false,
    message,
    preview: { fileName: file.name, create: 0, skippedCount: 0, skipped: [], problems, problemCount: problems.length, sample: [] },
  });
  const read = await readOrganImportFile(file.name, file.bytes);
  if (!read.ok) return empty(read.message);
  const { table, problems } = readOrganTable(read.rows);
  if (!table) return empty(`文件中有 ${problems.length} 处问题，请改正后重新上传；尚未导入任何机关。`, problems);
  return { ok: true, table };
}

async function planFor(db: Db | DbTx, admin: Actor, table: OrganTable): Promise<OrganImportPlan> {
  return planOrganImport(table, { existing: await existingOrgans(db, admin, namesIn(table)), adminOrganId: admin.organId });
}

/** Checks an organ file against the admin's subtree: what an import would create, and every problem. Stores nothing. ADMIN only. */
export async function checkOrganImport(sessionUser: Actor, file: OrganImportFile, db: Db = getDb()): Promise<OrganImportCheck> {
  const admin = await activeAdmin(sessionUser, db);
  if (!admin) return FORBIDDEN;
  const read = await readTable(file);
  if (!read.ok) return { ok: false, code: "INVALID", message: read.message, preview: read.preview };
  const plan = await planFor(db, admin, read.table);
  const preview = previewOf(file.name, plan);
  if (plan.problems.length) return { ok: false, code: "INVALID", message: problemsMessage(plan), preview };
  return { ok: true, preview };
}

/**
 * Creates the organs of a checked file: all of them in one transaction, parents before children, with one
 * audit event — or none, when any row has a problem (checked again against the database as it is now).
 * `expected`: the count the admin was shown; a file or tree that changed since is refused. ADMIN only.
 */
export async function importOrgans(sessionUser: Actor, file: OrganImportFile, expected: number | null = null, db: Db = getDb()): Promise<OrganImportDone> {
  const admin = await activeAdmin(sessionUser, db);
  if (!admin) return FORBIDDEN;
  const read = await readTable(file);
  if (!read.ok) return { ok: false, code: "INVALID", message: read.message, preview: read.preview };
  const table = read.table;
  return db.$transaction(async (tx): Promise<OrganImportDone> => {
    const plan = await planFor(tx, admin, table);
    if (plan.problems.length) return { ok: false, code: "INVALID", message: problemsMessage(plan), preview: previewOf(file.name, plan) };
    if (!plan.organs.length)
      return { ok: false, code: "INVALID", message: "文件中的机关都已存在，没有需要导入的机关。", preview: previewOf(file.name, plan) };
    if (expected !== null && expected !== plan.organs.length)
      return {
        ok: false,
        code: "CONFLICT",
        message: `检查之后文件或已有机关有了变化：现在要新建 ${plan.organs.length} 个机关（检查时为 ${expected} 个）。请核对下面的结果后再导入。`,
        preview: previewOf(file.name, plan),
      };
    await insertOrgans(tx, plan.organs);
    await recordEvent(tx, {
      actorId: admin.id,
      action: "organ.import",
      detail: { fileName: file.name, count: plan.organs.length, skipped: plan.skipped.length },
    });
    return { ok: true, created: plan.organs.length, skipped: plan.skipped.length };
  }, IMPORT_TRANSACTION);
}
