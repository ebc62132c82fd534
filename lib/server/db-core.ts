// Database client factory. No `server-only` here so plain node scripts (tsx) and vitest can use it;
// Next code imports lib/server/db.ts instead.
//
// Two generated clients with identical models (lib/generated/{sqlite,postgres}, see prisma/):
// the provider follows DATABASE_URL (lib/server/db-url.ts). Both are typed as the SQLite client,
// whose API is a subset of the PostgreSQL one for these models.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient, Prisma } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { resolveDatabaseConfig, type DatabaseConfig } from "./db-url";
import pg from "pg";
import { pgPoolConfig } from "./pg-compat";
import { poolOf, registerPool } from "./sql";

export { Prisma };
export type Db = SqliteClient;
/** A client or an interactive-transaction client. */
export type DbTx = Prisma.TransactionClient;

/** The provider of a client made by createDb ("sqlite" for anything else, e.g. a transaction client). */
export function providerOf(db: DbTx): DatabaseConfig["provider"] {
  return poolOf(db) ? "postgres" : "sqlite";
}

export function createDb(config: DatabaseConfig = resolveDatabaseConfig()): Db {
  if (config.provider === "postgres") {
    // One pool, shared by Prisma and the plain SQL of lib/server/sql.ts; $disconnect ends it.
    const pool = new pg.Pool(pgPoolConfig(config.url));
    const client = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    registerPool(client, pool);
    return client as unknown as Db;
  }
  if (config.filePath !== ":memory:") mkdirSync(path.dirname(config.filePath), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: config.url }) });
}

type DbCache = { key: string; db: Db; provider: DatabaseConfig["provider"] };
const globalForDb = globalThis as unknown as { __nianbaoDb?: DbCache };

/** The process-wide client for DATABASE_URL (cached on globalThis to survive dev hot reloads). */
export function getDb(): Db {
  return getDbWithProvider().db;
}

export function getDbProvider(): DatabaseConfig["provider"] {
  return getDbWithProvider().provider;
}

function getDbWithProvider(): DbCache {
  const config = resolveDatabaseConfig();
  const cached = globalForDb.__nianbaoDb;
  if (cached && cached.key === config.url) return cached;
  const entry: DbCache = { key: config.url, db: createDb(config), provider: config.provider };
  globalForDb.__nianbaoDb = entry;
  return entry;
}

/** True when `e` is Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(e: unknown): boolean {
  return (
    typeof e === "object" &&
    e !== null &&
    "code" in e &&
    (e as { code?: unknown }).code === "P2002"
  );
}
