import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { generatePassword, lookupsOf, planUserImport, readUserTable, type ExistingUserOrgan, type UserImportPlan, type UserTable } from "@/lib/admin/user-import";
import { MAX_LISTED_PROBLEMS, type OrganImportProblem } from "@/lib/admin/organ-import-columns";
import { MAX_USER_IMPORT_ROWS, userFileProblem, type ImportedAccount, type UserImportPreview } from "@/lib/admin/user-import-columns";
import { readImportFile } from "@/lib/admin/organ-import-file";
import { ROLE_LABELS } from "@/lib/labels";
import { getDb, isUniqueViolation, type Db, type DbTx } from "../db-core";
import { syntheticEmail } from "../auth-core";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { FORBIDDEN, type AdminFailure } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";

export type UserImportFile = { name: string; bytes: Uint8Array };

export type UserImportCheck = { ok: true; preview: UserImportPreview } | (AdminFailure & { preview?: UserImportPreview });
/** `accounts`: each created account with its initial password — for the admin, once; never stored. */
export type UserImportDone = { ok: true; created: number; accounts: ImportedAccount[] } | (AdminFailure & { preview?: UserImportPreview });

/** Names per `IN (…)` query (SQLite's and PostgreSQL's bind-variable limits). */
const CHUNK = 500;
/** Rows per multi-row INSERT (within both databases' bind limits). */
const INSERT_CHUNK = 500;
/** Passwords hashed at a time: scrypt runs on libuv's thread pool (4 threads by default). */
const HASH_CONCURRENCY = 4;
/** The write itself is short (the hashes are made before): a few statements per 500 accounts. */
const IMPORT_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

const FILE_LIMITS = { maxRows: MAX_USER_IMPORT_ROWS, fileProblem: userFileProblem };

/** The organs named `names` that exist, by full name (one within the admin's subtree preferred). */
async function existingOrgans(db: Db | DbTx, admin: Actor, names: readonly string[]): Promise<Map<string, ExistingUserOrgan>> {
  const out = new Map<string, ExistingUserOrgan>();
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    // one after the other: inside a transaction the queries share one connection
    const all = await db.organ.findMany({ where: { fullName: { in: chunk } }, select: { id: true, fullName: true, kind: true, active: true } });
    const inScope = await db.organ.findMany({ where: { AND: [{ fullName: { in: chunk } }, organScope(admin)] }, select: { id: true } });
    const scoped = new Set(inScope.map((o) => o.id));
    for (const o of all) {
      const e: ExistingUserOrgan = { ...o, inScope: scoped.has(o.id) };
      const before = out.get(o.fullName);
      // within the scope preferred, then an open organ
      if (!before || (!before.inScope && e.inScope) || (before.inScope === e.inScope && !before.active && e.active)) out.set(o.fullName, e);
    }
  }
  return out;
}

/** The usernames among `usernames` (lower case) that are accounts already (by username or by their sign-in e-mail). */
async function takenUsernames(db: Db | DbTx, usernames: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < usernames.length; i += CHUNK) {
    const chunk = usernames.slice(i, i + CHUNK);
    const found = await db.user.findMany({
      where: { OR: [{ username: { in: chunk } }, { email: { in: chunk.map(syntheticEmail) } }] },
      select: { username: true, email: true },
    });
    for (const u of found) {
      if (u.username) taken.add(u.username.toLowerCase());
      taken.add(u.email.toLowerCase().replace(/@nianbao\.local$/, ""));
    }
  }
  return taken;
}

async function planFor(db: Db | DbTx, admin: Actor, table: UserTable): Promise<UserImportPlan> {
  const { organNames, usernames } = lookupsOf(table);
  const organs = await existingOrgans(db, admin, organNames);
  const taken = await takenUsernames(db, usernames);
  return planUserImport(table, { organs, taken, adminOrganId: admin.organId });
}

function previewOf(fileName: string, plan: UserImportPlan): UserImportPreview {
  return {
    fileName,
    create: plan.users.length,
    generated: plan.users.filter((u) => u.password === null).length,
    problems: plan.problems.slice(0, MAX_LISTED_PROBLEMS),
    problemCount: plan.problems.length,
    sample: plan.users.slice(0, 20).map((u) => ({
      row: u.row,
      username: u.username,
      displayName: u.displayName,
      role: ROLE_LABELS[u.role] ?? u.role,
      organ: u.organName,
      generated: u.password === null,
    })),
  };
}

function problemsMessage(plan: UserImportPlan): string {
  const rows = new Set(plan.problems.map((p) => p.row)).size;
  return `文件中有 ${plan.problems.length} 处问题（涉及 ${rows} 行），请在文件中改正后重新上传；尚未导入任何账号。`;
}

type Read = { ok: true; table: UserTable } | { ok: false; preview: UserImportPreview; message: string };

async function readTable(file: UserImportFile): Promise<Read> {
  const empty = (message: string, problems: OrganImportProblem[] = [{ row: null, column: null, message }]): Read => ({
    ok: false,
    message,
    preview: { fileName: file.name, create: 0, generated: 0, problems, problemCount: problems.length, sample: [] },
  });
  const read = await readImportFile(file.name, file.bytes, FILE_LIMITS);
  if (!read.ok) return empty(read.message);
  const { table, problems } = readUserTable(read.rows);
  if (!table) return empty(`文件中有 ${problems.length} 处问题，请改正后重新上传；尚未导入任何账号。`, problems);
  return { ok: true, table };
}

/** Checks an account file against the admin's subtree and the accounts there are: what an import would create, and every problem. Stores nothing. ADMIN only. */
export async function checkUserImport(sessionUser: Actor, file: UserImportFile, db: Db = getDb()): Promise<UserImportCheck> {
  const admin = await activeAdmin(sessionUser, db);
  if (!admin) return FORBIDDEN;
  const read = await readTable(file);
  if (!read.ok) return { ok: false, code: "INVALID", message: read.message, preview: read.preview };
  const plan = await planFor(db, admin, read.table);
  const preview = previewOf(file.name, plan);
  if (plan.problems.length) return { ok: false, code: "INVALID", message: problemsMessage(plan), preview };
  return { ok: true, preview };
}

/** Hashes `passwords` HASH_CONCURRENCY at a time (each is ~0.1–0.2 s of scrypt on the thread pool). */
async function hashAll(passwords: readonly string[]): Promise<string[]> {
  const out: string[] = new Array<string>(passwords.length);
  let next = 0;
  const worker = async () => {
    while (next < passwords.length) {
      const i = next++;
      out[i] = await hashPassword(passwords[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, passwords.length) }, worker));
  return out;
}

/**
 * Creates the accounts of a checked file: all in one transaction with one audit event (file name and count;
 * never a password) — or none, when any row has a problem (checked again inside the transaction, against the
 * database as it is then). The passwords (the file's, or generated where 初始密码 is blank) are hashed before
 * the transaction opens, so the write lock is held for the inserts only. `expected`: the count the admin was
 * shown; a file or database that changed since is refused. ADMIN only.
 */
export async function importUsers(sessionUser: Actor, file: UserImportFile, expected: number | null = null, db: Db = getDb()): Promise<UserImportDone> {
  const admin = await activeAdmin(sessionUser, db);
  if (!admin) return FORBIDDEN;
  const read = await readTable(file);
  if (!read.ok) return { ok: false, code: "INVALID", message: read.message, preview: read.preview };
  const table = read.table;
  const first = await planFor(db, admin, table);
  if (first.problems.length) return { ok: false, code: "INVALID", message: problemsMessage(first), preview: previewOf(file.name, first) };
  const changed = (plan: UserImportPlan): UserImportDone => ({
    ok: false,
    code: "CONFLICT",
    message: `检查之后文件或已有账号有了变化：现在要新建 ${plan.users.length} 个账号（检查时为 ${expected} 个）。请核对下面的结果后再导入。`,
    preview: previewOf(file.name, plan),
  });
  if (expected !== null && expected !== first.users.length) return changed(first);

  // the passwords and their hashes, by row, before the transaction
  const passwordOf = new Map(first.users.map((u) => [u.row, u.password ?? generatePassword()]));
  const rows = first.users.map((u) => u.row);
  const hashes = await hashAll(rows.map((r) => passwordOf.get(r)!));
  const hashOf = new Map(rows.map((r, i) => [r, hashes[i]!]));

  const taken = (): UserImportDone => ({
    ok: false,
    code: "DUPLICATE",
    message: "导入时发现有用户名已被使用（可能刚由他人新建），尚未导入任何账号。请重新检查文件。",
  });
  try {
    return await db.$transaction(async (tx): Promise<UserImportDone> => {
      const plan = await planFor(tx, admin, table);
      if (plan.problems.length) return { ok: false, code: "INVALID", message: problemsMessage(plan), preview: previewOf(file.name, plan) };
      // the same accounts as hashed for (a row whose password changed would be another file: it is read once)
      if (plan.users.length !== first.users.length || plan.users.some((u) => !hashOf.has(u.row))) return changed(plan);
      const users = plan.users.map((u) => ({ ...u, id: randomUUID() }));
      for (let i = 0; i < users.length; i += INSERT_CHUNK) {
        const part = users.slice(i, i + INSERT_CHUNK);
        await tx.user.createMany({
          data: part.map((u) => ({
            id: u.id,
            name: u.displayName,
            email: syntheticEmail(u.username),
            emailVerified: true,
            username: u.username,
            displayUsername: u.username,
            role: u.role,
            organId: u.organId,
            displayName: u.displayName,
          })),
        });
        await tx.account.createMany({
          data: part.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: "credential", userId: u.id, password: hashOf.get(u.row)! })),
        });
      }
      const generated = plan.users.filter((u) => u.password === null).length;
      await recordEvent(tx, { actorId: admin.id, action: "account.import", detail: { fileName: file.name, count: users.length, generated } });
      return {
        ok: true,
        created: users.length,
        accounts: plan.users.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          organ: u.organName,
          password: passwordOf.get(u.row)!,
          generated: u.password === null,
        })),
      };
    }, IMPORT_TRANSACTION);
  } catch (e) {
    if (isUniqueViolation(e)) return taken();
    throw e;
  }
}
