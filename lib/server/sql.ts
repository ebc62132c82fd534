// Plain SQL for the statements every autosave runs (session, report read, rule context, versioned write).
// On PostgreSQL they go straight to the pg pool that Prisma's adapter also uses: even a $queryRaw costs
// ~1 ms of CPU in Prisma 6.19 (its query compiler runs for raw statements too; bench:load profiles, README
// "Deployment"), the pool's own query ~0.1 ms. On SQLite (small deployments) they go through $queryRaw.
// No `server-only`: integration tests run these services with their own clients.
import pg from "pg";
import type { DbTx } from "./db-core";

const pools = new WeakMap<object, pg.Pool>();

/** Registers the pg pool under a Prisma client (lib/server/db-core.ts createDb). */
export function registerPool(db: object, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pg pool under a PostgreSQL client made by createDb; undefined for SQLite (or a transaction client). */
export function poolOf(db: DbTx): pg.Pool | undefined {
  return pools.get(db);
}

const TIMESTAMP_OID = 1114; // timestamp without time zone: Prisma stores UTC there
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (s: string) => new Date(`${s.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A parameter as Prisma would store it: a Date in UTC (pg would send local time with an offset). */
function param(v: unknown): unknown {
  return v instanceof Date ? v.toISOString().replace("T", " ").replace("Z", "") : v;
}

/**
 * A tag for a statement on `db` (`${value}` are parameters) that answers its rows:
 * `await sql(db)<Row>\`SELECT … WHERE "id" = ${id}\``. PostgreSQL: the parameters are untyped, so cast
 * them where the context does not give the type (e.g. in a SELECT list: `${date}::timestamp(3)`).
 */
export function sql(db: DbTx) {
  return async <T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> => {
    const pool = poolOf(db);
    if (!pool) return db.$queryRaw<T[]>(strings, ...values);
    const text = strings.reduce((acc, s, i) => `${acc}$${i}${s}`);
    const result = await pool.query({ text, values: values.map(param), types });
    return result.rows as T[];
  };
}
