// Pure helpers deciding which database to use. No imports from Next or Prisma so this file can be
// used by prisma.config.ts, plain node scripts, tests and the app alike.
import path from "node:path";

export type DbProvider = "sqlite" | "postgres";

export type DatabaseConfig =
  | { provider: "sqlite"; url: string; /** absolute path of the SQLite file */ filePath: string }
  | { provider: "postgres"; url: string };

/** Default when DATABASE_URL is unset: a SQLite file under data/ (gitignored). */
export const DEFAULT_DATABASE_URL = "file:./data/nianbao.db";

export function providerFromUrl(url: string): DbProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/**
 * Decides provider and connection string from DATABASE_URL:
 * - postgres:// or postgresql:// → PostgreSQL
 * - anything else (file:..., a bare path, unset) → SQLite; relative paths are resolved against cwd.
 */
export function resolveDatabaseConfig(
  databaseUrl: string | undefined = process.env.DATABASE_URL,
  cwd: string = process.cwd(),
): DatabaseConfig {
  const raw = databaseUrl?.trim() || DEFAULT_DATABASE_URL;
  if (providerFromUrl(raw) === "postgres") return { provider: "postgres", url: raw };
  const p = raw.replace(/^file:(\/\/)?/, "");
  if (p === ":memory:") return { provider: "sqlite", url: "file::memory:", filePath: ":memory:" };
  const filePath = path.resolve(cwd, p);
  return { provider: "sqlite", url: `file:${filePath}`, filePath };
}
