// Security matrix: every service × every kind of user, table-driven. Adding a service is one line in
// CASES. The actors come from real sessions: each user signs in through Better Auth, and the actor is
// what getCurrentUser() (lib/server/session.ts) makes of the session cookie, exactly as in the app.
//
// Outcomes:  ok       the action happened / the data is returned
//            hidden   null, [], NOT_FOUND: looks exactly like a missing report (existence does not leak)
//            refused  an explicit refusal (FORBIDDEN, READ_ONLY, …) for something the user may see
//            denied   hidden or refused (services whose answer does not distinguish them)
// The disabled user keeps an old session cookie: getCurrentUser() must give no actor at all, and the
// services that re-read the account must refuse the raw actor too.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ReportContent } from "@/lib/template";
import { createAuth, type Auth } from "@/lib/server/auth-core";
import type { Db } from "@/lib/server/db-core";
import type { Actor } from "@/lib/server/types";
import { getCurrentUser } from "@/lib/server/session";
import { listReports } from "@/lib/server/services/list-reports";
import { getPreviousYearReport, getReport } from "@/lib/server/services/get-report";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { withdrawReport } from "@/lib/server/services/withdraw-report";
import { returnReport } from "@/lib/server/services/return-report";
import { approveReport } from "@/lib/server/services/approve-report";
import { publishReport } from "@/lib/server/services/publish-report";
import { startReview } from "@/lib/server/services/start-review";
import { addComment } from "@/lib/server/services/comment-create";
import { setCommentResolved } from "@/lib/server/services/comment-resolve";
import { countUnresolvedComments, listComments } from "@/lib/server/services/comment-list";
import { getReviewState, listSubmissions } from "@/lib/server/services/report-history";
import { getDashboard } from "@/lib/server/services/dashboard";
import { listAuditEvents } from "@/lib/server/services/audit";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { createOrgan } from "@/lib/server/services/admin-create-organ";
import { updateOrgan } from "@/lib/server/services/admin-update-organ";
import { getUserForAdmin, listUsersForAdmin } from "@/lib/server/services/admin-list-users";
import { createUser } from "@/lib/server/services/admin-create-user";
import { updateUser } from "@/lib/server/services/admin-update-user";
import { resetPassword } from "@/lib/server/services/admin-reset-password";
import { setUserDisabled } from "@/lib/server/services/admin-set-user-disabled";
import { DEMO_PASSWORD } from "@/scripts/seed";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, completeContent } from "./fixtures";

// getCurrentUser() reads the request's headers and the app's auth/db singletons: point them at the test's.
const request = vi.hoisted(() => ({ cookie: "", auth: null as unknown, db: null as unknown }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: request.cookie }) }));
vi.mock("@/lib/server/auth", () => ({ getAuth: () => request.auth }));
vi.mock("@/lib/server/db", () => ({ getDb: () => request.db }));
// lib/server/session.ts checks the session cookie's signature with the app's secret itself
vi.mock("@/lib/server/secret", () => ({ getAuthSecret: () => "integration-test-secret-0123456789abcdef" }));

const YEAR = 2024;

type Outcome = "ok" | "hidden" | "refused" | "denied";
// supervisor: the county's (示范县); cityReviewer: the city's above it (示范市, two levels above the target);
// supervisorOther: a sibling county's (邻县, under the same city); cityOther: another city's (另一市);
// countyOffice: the clerk of the target's county government (its 汇总 clerk — reads final reports only)
const ROLES = ["clerkOwn", "clerkOther", "supervisor", "cityReviewer", "supervisorOther", "cityOther", "countyOffice", "admin"] as const;
type RoleKey = (typeof ROLES)[number];
type Expect = Record<RoleKey, Exclude<Outcome, "denied"> | "denied">;

/** Report status the target report is reset to before each call (null: no reset needed). */
type Setup = "DRAFT" | "SUBMITTED" | "APPROVED" | null;

type Fixture = {
  db: Db;
  /** the target: 城关镇's report for YEAR */
  reportId: string;
  organId: string;
  /** an open comment thread on the target (SUBMITTED setups) */
  commentId: string;
  /** a throwaway organ / account for the admin services */
  spareOrganId: string;
  spareUserId: string;
  countyId: string;
  seq: number;
};

type Case = {
  service: string;
  setup: Setup;
  run: (a: Actor, f: Fixture) => Promise<Outcome>;
  expect: Expect;
  /** the service re-reads the account, so a disabled user's raw actor is refused too */
  rechecksAccount?: boolean;
  /** a write: when not ok, the target report must be unchanged */
  write?: boolean;
};

// ---- outcome helpers -------------------------------------------------------------------------
type Res = { ok: boolean; code?: string };
const result = async (p: Promise<Res>): Promise<Outcome> => {
  const r = await p;
  return r.ok ? "ok" : r.code === "NOT_FOUND" ? "hidden" : "refused";
};
const found = async (p: Promise<unknown>): Promise<Outcome> => ((await p) ? "ok" : "hidden");
const listed = async <T,>(p: Promise<T[]>, pred: (x: T) => boolean = () => true): Promise<Outcome> =>
  (await p).some(pred) ? "ok" : "hidden";
const yes = async (p: Promise<boolean>): Promise<Outcome> => ((await p) ? "ok" : "denied");

// ---- expectation patterns --------------------------------------------------------------------
const READ: Expect = { clerkOwn: "ok", clerkOther: "hidden", countyOffice: "hidden", supervisor: "ok", cityReviewer: "ok", supervisorOther: "hidden", cityOther: "hidden", admin: "ok" };
const CLERK_WRITE: Expect = { clerkOwn: "ok", clerkOther: "hidden", countyOffice: "hidden", supervisor: "refused", cityReviewer: "refused", supervisorOther: "hidden", cityOther: "hidden", admin: "refused" };
const REVIEW: Expect = { clerkOwn: "refused", clerkOther: "hidden", countyOffice: "hidden", supervisor: "ok", cityReviewer: "ok", supervisorOther: "hidden", cityOther: "hidden", admin: "refused" };
const PARTICIPANT: Expect = { clerkOwn: "ok", clerkOther: "hidden", countyOffice: "hidden", supervisor: "ok", cityReviewer: "ok", supervisorOther: "hidden", cityOther: "hidden", admin: "refused" };
const ADMIN_WRITE: Expect = { clerkOwn: "refused", clerkOther: "refused", countyOffice: "refused", supervisor: "refused", cityReviewer: "refused", supervisorOther: "refused", cityOther: "refused", admin: "ok" };
const ADMIN_READ: Expect = { clerkOwn: "hidden", clerkOther: "hidden", countyOffice: "hidden", supervisor: "hidden", cityReviewer: "hidden", supervisorOther: "hidden", cityOther: "hidden", admin: "ok" };

const CASES: Case[] = [
  // reports
  { service: "listReports", setup: null, expect: READ, run: (a, f) => listed(listReports(a, {}, f.db), (r) => r.id === f.reportId) },
  { service: "getReport", setup: null, expect: READ, run: (a, f) => found(getReport(a, f.reportId, f.db)) },
  { service: "getPreviousYearReport", setup: null, expect: READ, run: (a, f) => found(getPreviousYearReport(a, f.organId, YEAR, f.db)) },
  {
    service: "createReport",
    setup: null,
    write: true,
    expect: { clerkOwn: "ok", clerkOther: "refused", countyOffice: "refused", supervisor: "refused", cityReviewer: "refused", supervisorOther: "refused", cityOther: "refused", admin: "refused" },
    run: async (a, f) => {
      await f.db.report.deleteMany({ where: { organId: f.organId, year: YEAR + 1 } });
      return result(createReport(a, { year: YEAR + 1, organId: f.organId }, f.db));
    },
  },
  {
    service: "saveReport",
    setup: "DRAFT",
    write: true,
    expect: CLERK_WRITE,
    run: (a, f) => result(replaceReportContent(a, { reportId: f.reportId, baseVersion: 1, content: complete("示范县城关镇人民政府") }, f.db)),
  },
  // review workflow
  { service: "submitReport", setup: "DRAFT", write: true, rechecksAccount: true, expect: CLERK_WRITE, run: (a, f) => result(submitReport(a, { reportId: f.reportId, baseVersion: 1 }, f.db)) },
  { service: "withdrawReport", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: CLERK_WRITE, run: (a, f) => result(withdrawReport(a, { reportId: f.reportId }, f.db)) },
  { service: "startReview", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: { ...REVIEW, clerkOwn: "denied", clerkOther: "denied", countyOffice: "denied", supervisorOther: "denied", cityOther: "denied", admin: "denied" }, run: (a, f) => yes(startReview(a, { reportId: f.reportId }, f.db)) },
  { service: "returnReport", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: REVIEW, run: (a, f) => result(returnReport(a, { reportId: f.reportId, comment: "请补充第五部分。" }, f.db)) },
  { service: "approveReport", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: REVIEW, run: (a, f) => result(approveReport(a, { reportId: f.reportId }, f.db)) },
  { service: "publishReport", setup: "APPROVED", write: true, rechecksAccount: true, expect: { ...REVIEW, countyOffice: "refused" /* an approved report is final: the county's office reads it, and cannot publish it */ }, run: (a, f) => result(publishReport(a, { reportId: f.reportId }, f.db)) },
  { service: "listSubmissions", setup: "SUBMITTED", expect: READ, run: (a, f) => listed(listSubmissions(a, f.reportId, f.db)) },
  { service: "getReviewState", setup: null, expect: READ, run: (a, f) => found(getReviewState(a, f.reportId, f.db)) },
  // comments
  { service: "addComment", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: PARTICIPANT, run: (a, f) => result(addComment(a, { reportId: f.reportId, anchor: "report", body: "请核对。" }, f.db)) },
  { service: "setCommentResolved", setup: "SUBMITTED", write: true, rechecksAccount: true, expect: PARTICIPANT, run: (a, f) => result(setCommentResolved(a, { commentId: f.commentId, resolved: true }, f.db)) },
  { service: "listComments", setup: "SUBMITTED", expect: READ, run: (a, f) => listed(listComments(a, f.reportId, f.db)) },
  { service: "countUnresolvedComments", setup: "SUBMITTED", expect: READ, run: async (a, f) => ((await countUnresolvedComments(a, f.reportId, f.db)) > 0 ? "ok" : "hidden") },
  // dashboard and audit
  {
    service: "getDashboard",
    setup: null,
    expect: { clerkOwn: "refused", clerkOther: "refused", countyOffice: "refused", supervisor: "ok", cityReviewer: "ok", supervisorOther: "hidden", cityOther: "hidden", admin: "ok" },
    run: async (a, f) => {
      const d = await getDashboard(a, { year: YEAR }, f.db);
      if (!d) return "refused";
      return d.rows.some((r) => r.reportId === f.reportId) ? "ok" : "hidden";
    },
  },
  { service: "listAuditEvents", setup: null, expect: ADMIN_READ, run: async (a, f) => ((await listAuditEvents(a, {}, f.db)).total > 0 ? "ok" : "hidden") },
  // administration
  { service: "listOrgansForAdmin", setup: null, expect: ADMIN_READ, run: (a, f) => listed(listOrgansForAdmin(a, f.db)) },
  { service: "listUsersForAdmin", setup: null, expect: ADMIN_READ, run: (a, f) => listed(listUsersForAdmin(a, f.db)) },
  { service: "getUserForAdmin", setup: null, expect: ADMIN_READ, run: (a, f) => found(getUserForAdmin(a, f.spareUserId, f.db)) },
  {
    service: "createOrgan",
    setup: null,
    rechecksAccount: true,
    expect: ADMIN_WRITE,
    run: (a, f) => result(createOrgan(a, { fullName: `矩阵乡${++f.seq}`, shortName: "矩阵乡", kind: "TOWNSHIP", parentId: f.countyId }, f.db)),
  },
  {
    service: "updateOrgan",
    setup: null,
    rechecksAccount: true,
    expect: ADMIN_WRITE,
    run: (a, f) => result(updateOrgan(a, f.spareOrganId, { fullName: "矩阵备用局", shortName: `备用${++f.seq}`, kind: "DEPARTMENT", parentId: f.countyId }, f.db)),
  },
  {
    service: "createUser",
    setup: null,
    rechecksAccount: true,
    expect: ADMIN_WRITE,
    run: (a, f) => result(createUser(a, { username: `matrix${++f.seq}`, displayName: "矩阵", role: "CLERK", organId: f.organId, password: "matrix-pass-1" }, f.db)),
  },
  {
    service: "updateUser",
    setup: null,
    rechecksAccount: true,
    expect: ADMIN_WRITE,
    run: (a, f) => result(updateUser(a, f.spareUserId, { displayName: `矩阵${++f.seq}`, role: "CLERK", organId: f.organId }, f.db)),
  },
  { service: "resetPassword", setup: null, rechecksAccount: true, expect: ADMIN_WRITE, run: (a, f) => result(resetPassword(a, f.spareUserId, { password: "reset-pass-1" }, f.db)) },
  {
    service: "setUserDisabled",
    setup: null,
    rechecksAccount: true,
    expect: ADMIN_WRITE,
    run: async (a, f) => {
      const out = await result(setUserDisabled(a, f.spareUserId, true, f.db));
      await f.db.user.update({ where: { id: f.spareUserId }, data: { disabled: false } });
      return out;
    },
  },
];

const complete = (organName: string, year = YEAR): ReportContent => completeContent(organName, year);

function matches(expected: Outcome, actual: Outcome): boolean {
  return expected === actual || (expected === "denied" && (actual === "hidden" || actual === "refused"));
}

describe.each(TEST_PROVIDERS)("security matrix on %s", (provider) => {
  let t: TestDb;
  let auth: Auth;
  const actors = {} as Record<RoleKey, Actor>;
  let disabledCookie = "";
  let disabledRaw: Actor;
  let f: Fixture;

  async function cookieOf(username: string, password = DEMO_PASSWORD): Promise<string> {
    const { headers } = await auth.api.signInUsername({ body: { username, password }, returnHeaders: true });
    return (headers.get("set-cookie") ?? "")
      .split(/,(?=\s*[\w.-]+=)/)
      .map((c) => c.split(";")[0]?.trim())
      .join("; ");
  }

  /** The actor the app derives from a session cookie (getCurrentUser), or null. */
  async function sessionActor(cookie: string): Promise<Actor | null> {
    request.cookie = cookie;
    const u = await getCurrentUser();
    return u ? { id: u.id, role: u.role, organId: u.organId } : null;
  }

  /** Resets the target report to `status` with complete content at version 1 (and one open comment). */
  async function reset(status: Exclude<Setup, null>) {
    await t.db.report.deleteMany({ where: { id: f.reportId } });
    await t.db.report.create({
      data: {
        id: f.reportId,
        organId: f.organId,
        year: YEAR,
        status,
        version: 1,
        content: JSON.stringify(complete("示范县城关镇人民政府")),
        submittedAt: status === "DRAFT" ? null : new Date(),
        approvedAt: status === "APPROVED" ? new Date() : null,
      },
    });
    if (status !== "DRAFT") {
      await t.db.reportSnapshot.create({ data: { reportId: f.reportId, seq: 1, version: 1, content: "{}" } });
      await t.db.comment.create({ data: { id: f.commentId, reportId: f.reportId, anchor: "report", body: "请补充。", authorId: actors.supervisor.id } });
    }
  }

  beforeAll(async () => {
    t = await createTestDb(provider);
    auth = createAuth({ db: t.db, provider, secret: "integration-test-secret-0123456789abcdef", rateLimit: false });
    request.auth = auth;
    request.db = t.db;
    const admin = await actor(t.db, "admin");
    const shencha = await actor(t.db, "shencha");
    const countyId = shencha.organId!;
    // A second county with its own supervisor, and a spare organ and account: through the admin services.
    const other = await createOrgan(admin, { fullName: "邻县人民政府", shortName: "邻县", kind: "COUNTY", parentId: admin.organId }, t.db);
    const spare = await createOrgan(admin, { fullName: "矩阵备用局", shortName: "备用", kind: "DEPARTMENT", parentId: countyId }, t.db);
    if (!other.ok || !spare.ok) throw new Error("organ setup failed");
    // another city, outside the demo city: only an admin without an organ creates a top-level organ
    const globalAdmin = { ...admin, organId: null };
    await t.db.user.update({ where: { id: admin.id }, data: { organId: null } });
    const otherCity = await createOrgan(globalAdmin, { fullName: "另一市人民政府", shortName: "另一市", kind: "CITY", parentId: null }, t.db);
    if (!otherCity.ok) throw new Error(otherCity.message);
    const lingshi = await createUser(globalAdmin, { username: "lingshi", displayName: "另一市审核员", role: "SUPERVISOR", organId: otherCity.organId, password: "matrix-pass-0" }, t.db);
    if (!lingshi.ok) throw new Error(lingshi.message);
    await t.db.user.update({ where: { id: admin.id }, data: { organId: admin.organId } });
    const chengguanOrgan = (await actor(t.db, "chengguan")).organId!;
    for (const [username, role, organId] of [
      ["linxian", "SUPERVISOR", other.organId],
      ["spare", "CLERK", chengguanOrgan],
      ["oldclerk", "CLERK", chengguanOrgan],
    ] as const) {
      const r = await createUser(admin, { username, displayName: username, role, organId, password: "matrix-pass-0" }, t.db);
      if (!r.ok) throw new Error(r.message);
    }
    for (const [key, username, password] of [
      ["clerkOwn", "chengguan", DEMO_PASSWORD],
      ["clerkOther", "qingshan", DEMO_PASSWORD],
      ["supervisor", "shencha", DEMO_PASSWORD],
      ["cityReviewer", "shishencha", DEMO_PASSWORD],
      ["supervisorOther", "linxian", "matrix-pass-0"],
      ["cityOther", "lingshi", "matrix-pass-0"],
      ["countyOffice", "xianban", DEMO_PASSWORD],
      ["admin", "admin", DEMO_PASSWORD],
    ] as const) {
      const a = await sessionActor(await cookieOf(username, password));
      if (!a) throw new Error(`no session actor for ${username}`);
      actors[key] = a;
    }
    // The disabled clerk (same organ as the target!) signed in before being disabled; the session row is
    // left in place to prove that getCurrentUser itself refuses a disabled account.
    disabledCookie = await cookieOf("oldclerk", "matrix-pass-0");
    disabledRaw = (await sessionActor(disabledCookie))!;
    await t.db.user.update({ where: { username: "oldclerk" }, data: { disabled: true } });

    const target = await createReport(actors.clerkOwn, { year: YEAR }, t.db);
    const prev = await createReport(actors.clerkOwn, { year: YEAR - 1 }, t.db);
    if (!target.ok || !prev.ok) throw new Error("report setup failed");
    f = {
      db: t.db,
      reportId: target.reportId,
      organId: chengguanOrgan,
      commentId: "matrix-comment",
      spareOrganId: spare.organId,
      spareUserId: (await actor(t.db, "spare")).id,
      countyId,
      seq: 0,
    };
    await reset("SUBMITTED");
    await t.db.reportEvent.create({ data: { action: "test.marker", actorId: admin.id } });
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  const observed: Record<string, Record<string, Outcome>> = {};

  describe.each(CASES)("$service", (c) => {
    it.each(ROLES)(`%s`, async (role) => {
      if (c.setup) await reset(c.setup);
      const before = await t.db.report.findUnique({ where: { id: f.reportId }, select: { status: true, version: true, content: true } });
      const eventsBefore = await t.db.reportEvent.count({ where: { reportId: f.reportId } });
      const outcome = await c.run(actors[role], f);
      (observed[c.service] ??= {})[role] = outcome;
      expect(matches(c.expect[role], outcome), `${c.service} as ${role}: expected ${c.expect[role]}, got ${outcome}`).toBe(true);
      if (c.write && outcome !== "ok") {
        expect(await t.db.report.findUnique({ where: { id: f.reportId }, select: { status: true, version: true, content: true } })).toEqual(before);
        expect(await t.db.reportEvent.count({ where: { reportId: f.reportId } })).toBe(eventsBefore);
      }
    });

    it("disabled user: the old session yields no actor; services that re-read the account refuse the raw actor", async () => {
      expect(await sessionActor(disabledCookie)).toBeNull();
      if (c.rechecksAccount) {
        if (c.setup) await reset(c.setup);
        const outcome = await c.run(disabledRaw, f);
        expect(outcome, `${c.service} with a disabled account's actor`).not.toBe("ok");
      }
    });
  });

  it("prints the matrix", () => {
    const rows = Object.entries(observed).map(([s, r]) => `${s.padEnd(24)} ${ROLES.map((k) => (r[k] ?? "-").padEnd(16)).join("")}`);
    console.log(`${"service".padEnd(24)} ${ROLES.map((k) => k.padEnd(16)).join("")}\n${rows.join("\n")}`);
    expect(Object.keys(observed)).toHaveLength(CASES.length);
  });
});
