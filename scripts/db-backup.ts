// Backup and restore of the database (issue 12 item 8).
//
//   npm run db:backup [file]                          back up the database of DATABASE_URL
//   npm run db:restore -- <file> [--to URL] [--force] restore a backup into URL (default: DATABASE_URL)
//
// SQLite: SQLite's online backup API (better-sqlite3 `db.backup()`), which copies a consistent snapshot while the
// app keeps reading and writing; the copy is checked (PRAGMA integrity_check) and left in rollback-journal mode,
// a single self-contained file. PostgreSQL: `pg_dump --format=custom` (a consistent snapshot taken in one
// transaction, safe while the app runs) and `pg_restore` (PostgreSQL's client tools, Debian `postgresql-client`,
// same major version as the server or newer).
//
// A restore never overwrites a database that holds tables unless --force is given: restore into a scratch
// database (a new file, or a new PostgreSQL database — created when missing), check it, then switch the app
// over (DATABASE_URL) or, app stopped, move the file into place. See docs/database.md.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseConfig, type DatabaseConfig } from "../lib/server/db-url";
import { dataDir } from "../lib/server/data-dir";

export class BackupError extends Error {}

/** China-time stamp for default file names, e.g. 20270125-143012. */
function stamp(d = new Date()): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString(); // UTC+8, no DST
  return `${s.slice(0, 10).replace(/-/g, "")}-${s.slice(11, 19).replace(/:/g, "")}`;
}

export function defaultBackupFile(config: DatabaseConfig, now = new Date()): string {
  return path.join(dataDir(), "backups", `nianbao-${stamp(now)}.${config.provider === "sqlite" ? "db" : "dump"}`);
}

/** What a file holds, by its first bytes: a SQLite database, a pg_dump custom-format archive, or neither. */
export function backupKind(file: string): "sqlite" | "postgres" | "unknown" {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n >= 16 && head.toString("latin1") === "SQLite format 3\0") return "sqlite";
    if (n >= 5 && head.toString("latin1", 0, 5) === "PGDMP") return "postgres";
    return "unknown";
  } finally {
    closeSync(fd);
  }
}

/**
 * libpq understands a URI's standard parameters only; Prisma's own (schema, connection_limit, …) make pg_dump
 * fail. The password goes in PGPASSWORD rather than on the command line (where `ps` shows it).
 */
export function libpqConnection(url: string): { uri: string; env: Record<string, string> } {
  const u = new URL(url);
  const keep = new Set(["sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name", "options", "host", "port", "target_session_attrs", "gssencmode"]);
  for (const key of [...u.searchParams.keys()]) if (!keep.has(key)) u.searchParams.delete(key);
  const env: Record<string, string> = {};
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = "";
  }
  return { uri: u.toString(), env };
}

function run(cmd: string, args: string[], env: Record<string, string>): void {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new BackupError(`${cmd} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client)`);
  }
  if (r.status !== 0) throw new BackupError(`${cmd} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
}

function checkSqlite(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new BackupError(`${file}: integrity check failed: ${String(result)}`);
    const hasReports = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Report'").get();
    if (!hasReports) throw new BackupError(`${file}: not a nianbao database (no Report table)`);
  } finally {
    db.close();
  }
}

/** Backs up the database of `config` into `file` (which must not exist). Returns the file's size in bytes. */
export async function backupDatabase(config: DatabaseConfig, file: string): Promise<number> {
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose another file name`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (config.provider === "sqlite") {
    if (config.filePath === ":memory:" || !existsSync(config.filePath)) throw new BackupError(`no SQLite database at ${config.filePath}`);
    const source = new Database(config.filePath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 10000");
      await source.backup(file);
    } finally {
      source.close();
    }
    // a self-contained file: no -wal beside it when it is copied elsewhere
    const copy = new Database(file);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    checkSqlite(file);
  } else {
    const { uri, env } = libpqConnection(config.url);
    run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${uri}`], env);
  }
  return statSync(file).size;
}

async function sqliteHasTables(filePath: string): Promise<boolean> {
  if (!existsSync(filePath) || statSync(filePath).size === 0) return false;
  const db = new Database(filePath, { readonly: true, fileMustExist: true });
  try {
    return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get());
  } finally {
    db.close();
  }
}

async function postgresPrepare(url: string): Promise<boolean> {
  const { ensurePostgresDatabase } = await import("./db-setup");
  await ensurePostgresDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()");
    return (r.rows[0] as { n: number }).n > 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores `file` (made by backupDatabase) into the database of `target`. Refuses a target that already holds
 * tables unless `force` (then the target's tables are replaced).
 */
export async function restoreDatabase(file: string, target: DatabaseConfig, opts: { force?: boolean } = {}): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const kind = backupKind(file);
  if (kind === "unknown") throw new BackupError(`${file} is neither a SQLite database nor a pg_dump custom-format archive`);
  if (kind !== target.provider) {
    throw new BackupError(`${file} is a ${kind} backup but the target is ${target.provider}; restore it into a ${kind} database`);
  }
  if (target.provider === "sqlite") {
    if (target.filePath === ":memory:") throw new BackupError("cannot restore into an in-memory database");
    checkSqlite(file);
    if (!opts.force && (await sqliteHasTables(target.filePath))) {
      throw new BackupError(`${target.filePath} already holds a database; restore into a new file, or add --force (app stopped)`);
    }
    mkdirSync(path.dirname(target.filePath), { recursive: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target.filePath);
    } finally {
      source.close();
    }
    const restored = new Database(target.filePath);
    try {
      restored.pragma("journal_mode = WAL"); // as db-setup leaves it
      const result = restored.pragma("integrity_check", { simple: true });
      if (result !== "ok") throw new BackupError(`restored database failed its integrity check: ${String(result)}`);
    } finally {
      restored.close();
    }
    return;
  }
  const nonEmpty = await postgresPrepare(target.url);
  if (nonEmpty && !opts.force) {
    throw new BackupError("the target database already holds tables; restore into a new database (it is created when missing), or add --force");
  }
  const { uri, env } = libpqConnection(target.url);
  run(
    "pg_restore",
    ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...(nonEmpty ? ["--clean", "--if-exists"] : []), `--dbname=${uri}`, file],
    env,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

function describe(config: DatabaseConfig): string {
  return config.provider === "sqlite" ? config.filePath : redact(config.url);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const args: string[] = [];
  let to: string | undefined;
  let force = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--force") force = true;
    else if (a === "--to") to = rest[++i];
    else if (a.startsWith("--to=")) to = a.slice(5);
    else args.push(a);
  }
  if (command === "backup") {
    const config = resolveDatabaseConfig();
    const file = path.resolve(args[0] ?? defaultBackupFile(config));
    const started = Date.now();
    const size = await backupDatabase(config, file);
    console.log(`[db-backup] ${describe(config)} → ${file} (${(size / 1024).toFixed(0)} KiB, ${Date.now() - started} ms)`);
  } else if (command === "restore") {
    const file = args[0];
    if (!file) throw new BackupError("usage: npm run db:restore -- <backup file> [--to DATABASE_URL] [--force]");
    const target = resolveDatabaseConfig(to ?? process.env.DATABASE_URL);
    const started = Date.now();
    await restoreDatabase(path.resolve(file), target, { force });
    console.log(`[db-restore] ${path.resolve(file)} → ${describe(target)} (${Date.now() - started} ms)`);
  } else {
    throw new BackupError("usage: db-backup.ts backup [file] | restore <file> [--to URL] [--force]");
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`[db-backup] ${e instanceof BackupError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  });
}
