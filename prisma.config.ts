// Prisma CLI configuration (Prisma 6.19, JS schema engine + driver adapters; works offline).
// The provider follows DATABASE_URL exactly like the app (lib/server/db-url.ts):
//   unset / file:...         → SQLite,     prisma/sqlite/{schema.prisma,migrations}
//   postgres(ql)://...       → PostgreSQL, prisma/postgres/{schema.prisma,migrations}
// Set PRISMA_PROVIDER=sqlite|postgres to force one (e.g. for `migrate diff` without a database).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { resolveDatabaseConfig } from "./lib/server/db-url";

const db = resolveDatabaseConfig();
const provider = process.env.PRISMA_PROVIDER === "postgres" || process.env.PRISMA_PROVIDER === "sqlite"
  ? process.env.PRISMA_PROVIDER
  : db.provider;
const dir = path.join("prisma", provider);

// The schemas' datasource `url = env(...)` must parse, but connections go through adapter() below.
process.env.NIANBAO_PRISMA_SQLITE_URL ??= db.provider === "sqlite" ? db.url : "file:./data/unused.db";
process.env.NIANBAO_PRISMA_POSTGRES_URL ??= db.provider === "postgres" ? db.url : "postgresql://localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  // NIANBAO_MIGRATIONS_PATH: another migrations folder (the upgrade test applies an older set first)
  migrations: { path: process.env.NIANBAO_MIGRATIONS_PATH ?? path.join(dir, "migrations") },
  async adapter() {
    if (db.provider === "postgres") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const { pgPoolConfig } = await import("./lib/server/pg-compat");
      // allowExitOnIdle: idle pooled connections must not keep the CLI process alive.
      return new PrismaPg(pgPoolConfig(db.url, { allowExitOnIdle: true }));
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: db.url });
  },
});
