// Demo data: a city (示范市) above one county (示范县) with three townships, one clerk per township, the
// county's supervisor and 汇总 clerk, the city's supervisor and an admin; then the demo content of
// seed-content.ts (a fourth township with a published report; a second county with its townships and
// reports at every stage).
// Idempotent: does nothing when the user "admin" exists. Run: npx tsx scripts/seed.ts
// (scripts/db-setup.ts calls it after migrating).
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "better-auth/crypto";
import { syntheticEmail } from "../lib/server/auth-core";
import { createDb, type Db } from "../lib/server/db-core";
import { createOrganRow } from "../lib/server/organ-tree";
import type { Role } from "../lib/server/permissions";
import { seedDemoContent } from "./seed-content";

export const DEMO_PASSWORD = "nianbao2024";

type OrganKey = "city" | "county" | "chengguan" | "qingshan" | "hekou";

export const DEMO_ORGANS: Record<OrganKey, OrganSpec> = {
  city: { fullName: "示范市人民政府", shortName: "示范市", kind: "CITY", parent: null, sortOrder: 0 },
  county: { fullName: "示范县人民政府", shortName: "示范县", kind: "COUNTY", parent: "city", sortOrder: 1 },
  chengguan: { fullName: "示范县城关镇人民政府", shortName: "城关镇", kind: "TOWNSHIP", parent: "county", sortOrder: 1 },
  qingshan: { fullName: "示范县青山镇人民政府", shortName: "青山镇", kind: "TOWNSHIP", parent: "county", sortOrder: 2 },
  hekou: { fullName: "示范县河口乡人民政府", shortName: "河口乡", kind: "TOWNSHIP", parent: "county", sortOrder: 3 },
};

export const DEMO_ACCOUNTS: ReadonlyArray<AccountSpec & { organ: OrganKey }> = [
  { username: "chengguan", displayName: "城关镇填报员", role: "CLERK", organ: "chengguan" },
  { username: "qingshan", displayName: "青山镇填报员", role: "CLERK", organ: "qingshan" },
  { username: "hekou", displayName: "河口乡填报员", role: "CLERK", organ: "hekou" },
  { username: "shencha", displayName: "县政务公开办审核员", role: "SUPERVISOR", organ: "county" },
  { username: "xianban", displayName: "县政府办公室填报员（本级、汇总）", role: "CLERK", organ: "county" },
  { username: "shishencha", displayName: "市政务公开办审核员", role: "SUPERVISOR", organ: "city" },
  { username: "admin", displayName: "系统管理员", role: "ADMIN", organ: "city" },
];

export type OrganSpec = { fullName: string; shortName: string; kind: string; parent: string | null; sortOrder: number };
export type AccountSpec = { username: string; displayName: string; role: Role; organ: string };

/**
 * Creates organs (parents first; a parent is a key of `organs` or of DEMO_ORGANS) and credential
 * accounts, skipping those that exist, with one system.seed audit row naming the accounts created.
 */
export async function createOrgansAndAccounts(db: Db, organs: Record<string, OrganSpec>, accounts: ReadonlyArray<AccountSpec>): Promise<void> {
  const hashes = await Promise.all(accounts.map(() => hashPassword(DEMO_PASSWORD)));
  await db.$transaction(async (tx) => {
    const organIds = new Map<string, string>();
    const idOf = async (key: string): Promise<string | null> => {
      const known = organIds.get(key);
      if (known) return known;
      const spec = organs[key] ?? DEMO_ORGANS[key as OrganKey];
      if (!spec) return null;
      return (await tx.organ.findFirst({ where: { fullName: spec.fullName }, select: { id: true } }))?.id ?? null;
    };
    for (const [key, o] of Object.entries(organs)) {
      const parentId = o.parent ? await idOf(o.parent) : null;
      const existing = await tx.organ.findFirst({ where: { fullName: o.fullName }, select: { id: true } });
      const organ =
        existing ??
        (await createOrganRow(tx, { fullName: o.fullName, shortName: o.shortName, kind: o.kind, parentId, sortOrder: o.sortOrder }));
      organIds.set(key, organ.id);
    }
    const created: string[] = [];
    for (const [i, a] of accounts.entries()) {
      if (await tx.user.findUnique({ where: { username: a.username }, select: { id: true } })) continue;
      created.push(a.username);
      const userId = randomUUID();
      await tx.user.create({
        data: {
          id: userId,
          name: a.displayName,
          email: syntheticEmail(a.username),
          emailVerified: true,
          username: a.username,
          displayUsername: a.username,
          role: a.role,
          organId: await idOf(a.organ),
          displayName: a.displayName,
        },
      });
      await tx.account.create({
        data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hashes[i] ?? "" },
      });
    }
    if (created.length > 0) {
      await tx.reportEvent.create({ data: { action: "system.seed", detail: JSON.stringify({ users: created }) } });
    }
  });
}

/**
 * Creates the demo organs and accounts unless the admin exists, and then (unless `content` is
 * false) the demo content: 张良镇 with its clerk and its published 2023 report (seed-content.ts).
 * Returns whether anything was created.
 */
export async function seedDemo(db: Db, opts: { content?: boolean } = {}): Promise<{ created: boolean }> {
  if (await db.user.findUnique({ where: { username: "admin" }, select: { id: true } })) return { created: false };
  await createOrgansAndAccounts(db, DEMO_ORGANS, DEMO_ACCOUNTS);
  if (opts.content ?? true) await seedDemoContent(db);
  return { created: true };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const db = createDb();
  seedDemo(db)
    .then((r) => console.log(r.created ? "seed: demo organs and accounts created" : "seed: already seeded, nothing to do"))
    .catch((e: unknown) => {
      console.error("seed failed:", e);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
