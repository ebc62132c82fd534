// A training room of 60 clerks behind one NAT logs in (the in-memory flood guard on), on every provider.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, syntheticEmail, type Auth } from "@/lib/server/auth-core";
import { createUser } from "@/lib/server/services/admin-create-user";
import { actor } from "./fixtures";
import { PASS, SECRET } from "./login-limits.shared";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

describe.each(TEST_PROVIDERS)("a training room behind one NAT on %s (the in-memory flood guard on)", (provider) => {
  let t: TestDb;
  let auth: Auth;
  const ROOM = 60;

  beforeAll(async () => {
    t = await createTestDb(provider);
    auth = createAuth({ db: t.db, provider, secret: SECRET, rateLimit: true });
    const admin = await actor(t.db, "admin");
    const organId = (await actor(t.db, "qingshan")).organId!;
    const first = await createUser(admin, { username: "trainee0", displayName: "学员0", role: "CLERK", organId, password: PASS }, t.db);
    if (!first.ok) throw new Error(first.message);
    // the others as createUser stores them, with trainee0's password hash: one scrypt hash (~0.2 s of CPU)
    // instead of 60 — the room's sign-ins are under test here, not creating accounts (admin.test.ts)
    const { password } = await t.db.account.findFirstOrThrow({ where: { userId: first.userId, providerId: "credential" }, select: { password: true } });
    for (let i = 1; i < ROOM; i++) {
      const username = `trainee${i}`;
      const id = randomUUID();
      await t.db.user.create({
        data: { id, name: `学员${i}`, email: syntheticEmail(username), emailVerified: true, username, displayUsername: username, role: "CLERK", organId, displayName: `学员${i}` },
      });
      await t.db.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password } });
    }
  }, 240_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it(`${ROOM} people log in from one address, one after another, each with a session`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ROOM; i++) {
      const res = await auth.handler(
        new Request("http://nianbao.example:3000/api/auth/sign-in/username", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://nianbao.example:3000", host: "nianbao.example:3000", "x-forwarded-for": "10.20.30.40" },
          body: JSON.stringify({ username: `trainee${i}`, password: PASS }),
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(ROOM).fill(200));
    expect(await t.db.session.count({ where: { user: { username: { startsWith: "trainee" } } } })).toBe(ROOM);
  }, 120_000);
});
