/**
 * Bulk import of accounts (账号) from a file: the file's rows in, a plan (the accounts to create) and every
 * problem (row and column as in the file) out. Pure, but for generatePassword: the service
 * (lib/server/services/admin-import-users.ts) looks up the organs and usernames the file names and passes them in.
 *
 * The rules are the single-account form's: the fields through userCreateSchema, the organ through
 * userOrganProblem, the messages through USER_MESSAGES and ORGAN_REQUIRED (admin-schemas.ts).
 */
import { ROLE_LABELS } from "@/lib/labels";
import {
  ORGAN_REQUIRED,
  PASSWORD_MIN,
  USER_MESSAGES,
  roleNeedsOrgan,
  userCreateSchema,
  userOrganProblem,
} from "@/lib/server/services/admin-schemas";
import { ROLES, type Role } from "@/lib/server/permissions";
import { headerKey as key, readImportTable, type ImportTable } from "./organ-import";
import type { OrganImportProblem } from "./organ-import-columns";
import {
  GENERATED_PASSWORD_LENGTH,
  MAX_USER_IMPORT_ROWS,
  USER_IMPORT_COLUMNS,
  userImportColumnLabel as label,
  type UserImportField,
} from "./user-import-columns";

// ---- the table -----------------------------------------------------------------------------------

/** One data row of the file, its cells trimmed. */
export type UserImportRow = { row: number } & Record<UserImportField, string>;

export type UserTable = ImportTable<UserImportField>;

/** A role by its label (填报人…) or its code (CLERK…). */
const ROLE_BY_KEY = new Map<string, Role>(ROLES.flatMap((r) => [[key(ROLE_LABELS[r] ?? r), r] as const, [r.toLowerCase(), r] as const]));
const ROLE_LIST = ROLES.map((r) => ROLE_LABELS[r]).join("、");

/** The role a cell names (its label, or its code), or null. */
export function roleOfLabel(text: string): Role | null {
  return ROLE_BY_KEY.get(key(text)) ?? ROLE_BY_KEY.get(text.trim().toLowerCase()) ?? null;
}

/** The account file's table (see readImportTable). */
export function readUserTable(rows: readonly (readonly string[])[]): { table: UserTable; problems: [] } | { table: null; problems: OrganImportProblem[] } {
  return readImportTable(rows, { columns: USER_IMPORT_COLUMNS, anchor: "username", maxRows: MAX_USER_IMPORT_ROWS, what: "账号", tooMany: "请分成几个文件导入" });
}

/** The organs' full names and the usernames (as they would be stored: lower case) a table names: what the planner needs to know. */
export function lookupsOf(table: UserTable): { organNames: string[]; usernames: string[] } {
  const organNames = new Set<string>();
  const usernames = new Set<string>();
  for (const r of table.rows) {
    if (r.organ) organNames.add(r.organ);
    if (r.username) usernames.add(r.username.toLowerCase());
  }
  return { organNames: [...organNames], usernames: [...usernames] };
}

// ---- the plan ------------------------------------------------------------------------------------

/** An organ in the database under one of the file's names. */
export type ExistingUserOrgan = { id: string; fullName: string; kind: string; active: boolean; /** within the admin's subtree */ inScope: boolean };

export type PlannedUser = {
  row: number;
  /** normalised (lower case) */
  username: string;
  displayName: string;
  role: Role;
  organId: string | null;
  organName: string;
  /** the file's 初始密码, or null: one is generated */
  password: string | null;
};

export type UserImportPlan = {
  /** in file order; empty while there are problems */
  users: PlannedUser[];
  problems: OrganImportProblem[];
};

/** Fields checked by userCreateSchema, as the file's columns. */
const SCHEMA_FIELDS: Partial<Record<string, UserImportField>> = { username: "username", displayName: "displayName", password: "password" };

/**
 * The plan of an import. `organs`: the organs the file names that exist, by full name (one within the admin's
 * subtree preferred); `taken`: the file's usernames (lower case) that are accounts already; `adminOrganId`:
 * the admin's organ (null for the installation's admin, who may create admins without an organ).
 */
export function planUserImport(
  table: UserTable,
  ctx: { organs: ReadonlyMap<string, ExistingUserOrgan>; taken: ReadonlySet<string>; adminOrganId: string | null },
): UserImportPlan {
  const problems: OrganImportProblem[] = [];
  const add = (row: number, field: UserImportField, message: string) => problems.push({ row, column: label(field), message });
  const users: PlannedUser[] = [];
  const firstByUsername = new Map<string, number>();

  for (const r of table.rows) {
    const before = problems.length;
    const role = r.role ? roleOfLabel(r.role) : null;
    // the password is checked only when given (blank: one is generated)
    const parsed = userCreateSchema.safeParse({
      username: r.username,
      displayName: r.displayName,
      role: role ?? "",
      organId: null,
      password: r.password || "x".repeat(PASSWORD_MIN),
    });
    const seen = new Set<UserImportField>();
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const path = String(issue.path[0] ?? "");
        const field = path === "role" ? (r.role ? null : "role") : SCHEMA_FIELDS[path];
        if (field && !seen.has(field)) {
          seen.add(field);
          add(r.row, field, issue.message);
        }
      }
    if (r.role && !role) add(r.row, "role", `「${r.role}」不是角色，应为以下之一：${ROLE_LIST}`);

    // the username: not twice in the file, not an account already
    const username = r.username.trim().toLowerCase();
    if (!seen.has("username") && username) {
      const first = firstByUsername.get(username);
      if (first !== undefined) add(r.row, "username", `与第 ${first} 行的${label("username")}“${username}”重复`);
      else {
        firstByUsername.set(username, r.row);
        if (ctx.taken.has(username)) add(r.row, "username", USER_MESSAGES.usernameTaken(username));
      }
    }

    // the organ: an existing one of the admin's subtree, open, of a kind the role may be bound to
    let organ: ExistingUserOrgan | null = null;
    if (!r.organ) {
      if (role && roleNeedsOrgan(role)) add(r.row, "organ", ORGAN_REQUIRED);
      else if (role && ctx.adminOrganId) add(r.row, "organ", `请填写${label("organ")}（${USER_MESSAGES.onlyOwnSubtree}）`);
    } else {
      const found = ctx.organs.get(r.organ);
      if (!found) add(r.row, "organ", `${label("organ")}“${r.organ}”不存在：请填写已有机关的全称`);
      else if (!found.inScope) add(r.row, "organ", `${label("organ")}“${r.organ}”不在您的管理范围内（${USER_MESSAGES.onlyOwnSubtree}）`);
      else {
        const problem = role ? userOrganProblem(role, found) : null;
        if (problem) add(r.row, "organ", problem);
        organ = found;
      }
    }

    if (problems.length === before && parsed.success)
      users.push({
        row: r.row,
        username: parsed.data.username,
        displayName: parsed.data.displayName,
        role: parsed.data.role,
        organId: organ?.id ?? null,
        organName: organ?.fullName ?? "",
        password: r.password || null,
      });
  }

  if (problems.length) {
    const order = new Map(USER_IMPORT_COLUMNS.map((c, i) => [c.label, i]));
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (order.get(a.column ?? "") ?? -1) - (order.get(b.column ?? "") ?? -1));
    return { users: [], problems };
  }
  return { users, problems: [] };
}

// ---- generated passwords -------------------------------------------------------------------------

/** Letters and digits that cannot be misread on paper or over the phone: no 0/O/o, 1/l/I. */
export const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/**
 * A random initial password of GENERATED_PASSWORD_LENGTH characters of PASSWORD_ALPHABET (about 70 bits),
 * with at least one upper-case letter, one lower-case letter and one digit. Web Crypto (server or browser).
 */
export function generatePassword(length = GENERATED_PASSWORD_LENGTH): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n); // rejection sampling: no character more likely than another
  for (;;) {
    let out = "";
    while (out.length < length) {
      const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
      for (const b of bytes) if (b < limit && out.length < length) out += PASSWORD_ALPHABET[b % n];
    }
    if (/[A-Z]/.test(out) && /[a-z]/.test(out) && /[2-9]/.test(out)) return out;
  }
}
