// The audit log as the county admin reads it: every report event in scope, every filter, every code in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { createAuth, type Auth } from "@/lib/server/auth-core";
import type { Actor } from "@/lib/server/types";
import { createOrgan } from "@/lib/server/services/admin-create-organ";
import { createUser } from "@/lib/server/services/admin-create-user";
import { updateUser } from "@/lib/server/services/admin-update-user";
import { addComment } from "@/lib/server/services/comment-create";
import { createReport } from "@/lib/server/services/create-report";
import { returnReport } from "@/lib/server/services/return-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { listAuditActions, listAuditEvents, type AuditEventRow } from "@/lib/server/services/audit";
import { actor, completeContent } from "./fixtures";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

/** Everything a person reads in the details column (labels and values). */
const detailText = (e: AuditEventRow) => e.details.map((d) => `${d.label} ${d.text}`).join(" | ");
/** Codes that must never reach the page: upper-case identifiers (TOWNSHIP, INVALID_USERNAME_OR_PASSWORD…), except format names. */
const RAW_CODE = /\b(?!PDF\b|DOCX\b|TXT\b|IP\b|Word\b)[A-Z][A-Z0-9]*_?[A-Z0-9_]{2,}\b/;
/** Object keys, cuid-like ids and JSON leaking into the details. */
const RAW_ID = /\b(c[a-z0-9]{20,}|[0-9a-f-]{32,})\b|[{}"]/;

describe.each(TEST_PROVIDERS)("audit log on %s", (provider) => {
  let t: TestDb;
  let auth: Auth;
  let admin: Actor, shencha: Actor, zhangliang: Actor, chengguan: Actor;
  let reportId = "";
  let townId = "";

  beforeAll(async () => {
    // the demo content: 张良镇's 2023 report created, saved, submitted, approved and published
    t = await createTestDb(provider, { demoContent: true });
    auth = createAuth({ db: t.db, provider, secret: "integration-test-secret-0123456789abcdef", rateLimit: false });
    admin = await actor(t.db, "admin");
    shencha = await actor(t.db, "shencha");
    zhangliang = await actor(t.db, "zhangliang");
    chengguan = await actor(t.db, "chengguan");
    // more report events: 城关镇 creates, saves, submits; the supervisor comments and returns it
    const created = await createReport(chengguan, { year: 2024 }, t.db);
    if (!created.ok) throw new Error(created.message);
    reportId = created.reportId;
    const saved = await replaceReportContent(
      chengguan,
      { reportId, baseVersion: created.version, content: completeContent("示范县城关镇人民政府", 2024) },
      t.db,
    );
    if (!saved.ok) throw new Error(saved.message);
    const submitted = await submitReport(chengguan, { reportId, baseVersion: saved.version }, t.db);
    if (!submitted.ok) throw new Error(submitted.message);
    const comment = await addComment(shencha, { reportId, anchor: "cell:t3.new.natural", body: "请核对本年新收申请数。" }, t.db);
    if (!comment.ok) throw new Error(comment.message);
    // the clerk answers it (a reply: no organ in its detail); and one reply as stored before 2026-12
    const reply = await addComment(chengguan, { reportId, parentId: comment.commentId, body: "已核对。" }, t.db);
    if (!reply.ok) throw new Error(reply.message);
    await t.db.reportEvent.create({
      data: { reportId, actorId: chengguan.id, action: "comment.reply", detail: JSON.stringify({ commentId: reply.commentId, anchor: "cell:t3.new.natural", parentId: comment.commentId }) },
    });
    const returned = await returnReport(shencha, { reportId, comment: "请修改后重新提交。" }, t.db);
    if (!returned.ok) throw new Error(returned.message);
    // account and organ events with codes in their details
    const town = await createOrgan(admin, { fullName: "示范县石桥镇人民政府", shortName: "石桥镇", kind: "TOWNSHIP", parentId: shencha.organId! }, t.db);
    if (!town.ok) throw new Error(town.message);
    townId = town.organId;
    const user = await createUser(
      admin,
      { username: "shiqiao", displayName: "石桥镇填报员", role: "CLERK", organId: townId, password: "initial-pass-1" },
      t.db,
    );
    if (!user.ok) throw new Error(user.message);
    const moved = await updateUser(admin, user.userId, { displayName: "石桥镇审核员", role: "SUPERVISOR", organId: shencha.organId! }, t.db);
    if (!moved.ok) throw new Error(moved.message);
    // a failed login (reason INVALID_USERNAME_OR_PASSWORD)
    await expect(auth.api.signInUsername({ body: { username: "qingshan", password: "wrong-password" } })).rejects.toBeInstanceOf(APIError);
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  const stored = (where: Parameters<TestDb["db"]["reportEvent"]["count"]>[0] = {}) => t.db.reportEvent.count(where);

  it("lists every event, report events included, for the admin", async () => {
    const all = await listAuditEvents(admin, {}, t.db);
    expect(all.total).toBe(await stored());
    expect(all.events.some((e) => e.report !== null)).toBe(true);
  });

  it.each(["report.create", "report.save", "report.submit", "report.approve", "report.publish", "report.return", "comment.create"])(
    "filters %s: every stored event of that action",
    async (action) => {
      const expected = await stored({ where: { action } });
      expect(expected).toBeGreaterThan(0);
      const page = await listAuditEvents(admin, { action }, t.db);
      expect(page.total).toBe(expected);
      expect(page.events).toHaveLength(expected);
      expect(page.events.every((e) => e.action === action && e.report !== null)).toBe(true);
    },
  );

  it("the action filter offers the report actions", async () => {
    const actions = await listAuditActions(admin, t.db);
    expect(actions).toEqual(expect.arrayContaining([{ action: "report.submit", label: "提交报告" }, { action: "report.publish", label: "发布报告" }]));
  });

  it("filters by user: every event of that user, on reports or not", async () => {
    const page = await listAuditEvents(admin, { actorId: shencha.id }, t.db);
    expect(page.total).toBe(await stored({ where: { actorId: shencha.id } }));
    expect(page.events.map((e) => e.action)).toEqual(expect.arrayContaining(["report.approve", "report.publish", "report.return", "comment.create"]));
    expect(page.events.every((e) => e.actor?.id === shencha.id)).toBe(true);
  });

  it("filters by organ: the events on its reports and the events of its people", async () => {
    const organId = zhangliang.organId!;
    const page = await listAuditEvents(admin, { organId }, t.db);
    const expected = await stored({ where: { OR: [{ report: { is: { organId } } }, { actor: { is: { organId } } }] } });
    expect(page.total).toBe(expected);
    // the supervisor's approval and publication of 张良镇's report are 张良镇's events
    expect(page.events.map((e) => e.action)).toEqual(expect.arrayContaining(["report.submit", "report.approve", "report.publish"]));
    expect(page.events.every((e) => e.report?.organName === "示范县张良镇人民政府" || (e.report === null && e.actor?.id === zhangliang.id))).toBe(true);
  });

  it("filters by part of a name: the actor's username or name, the organ's full name (a province's lists are too long for a select)", async () => {
    // by part of a username, and by part of a display name: the same events as the user filter
    const chengguanEvents = await listAuditEvents(admin, { actorId: chengguan.id }, t.db);
    expect(chengguanEvents.total).toBeGreaterThan(0);
    expect((await listAuditEvents(admin, { actorName: "chengg" }, t.db)).total).toBe(chengguanEvents.total);
    // a part of several display names (示范县's and 东山县's reviewers, not the city's 市政务公开办审核员): the events of each
    const named = await t.db.user.findMany({ where: { displayName: { contains: "县政务公开办" } }, select: { id: true } });
    expect(named.length).toBeGreaterThan(1);
    let each = 0;
    for (const u of named) each += (await listAuditEvents(admin, { actorId: u.id }, t.db)).total;
    expect(each).toBeGreaterThan(0);
    expect((await listAuditEvents(admin, { actorName: "县政务公开办" }, t.db)).total).toBe(each);
    // by part of the organ's name: the same events as the organ filter
    const byOrgan = await listAuditEvents(admin, { organId: zhangliang.organId! }, t.db);
    expect(byOrgan.total).toBeGreaterThan(0);
    expect((await listAuditEvents(admin, { organName: "张良镇" }, t.db)).total).toBe(byOrgan.total);
    expect((await listAuditEvents(admin, { organName: "没有这个机关" }, t.db)).total).toBe(0);
    // combined with an action
    const submits = await listAuditEvents(admin, { organName: "张良镇", action: "report.submit" }, t.db);
    expect(submits.total).toBeGreaterThan(0);
    expect(submits.events.every((e) => e.action === "report.submit" && e.report?.organName === "示范县张良镇人民政府")).toBe(true);
  });

  it("filters by China-time day: an event at 00:30 Beijing (16:30 UTC the day before) belongs to its Beijing day", async () => {
    const submit = await t.db.reportEvent.findFirstOrThrow({ where: { action: "report.submit", reportId } });
    await t.db.reportEvent.update({ where: { id: submit.id }, data: { createdAt: new Date("2025-01-15T16:30:00Z") } });
    const onThe16th = await listAuditEvents(admin, { from: "2025-01-16", to: "2025-01-16" }, t.db);
    expect(onThe16th.events.map((e) => e.id)).toEqual([submit.id]);
    expect((await listAuditEvents(admin, { from: "2025-01-15", to: "2025-01-15" }, t.db)).total).toBe(0);
    // with the other filters
    expect((await listAuditEvents(admin, { action: "report.submit", organId: chengguan.organId!, from: "2025-01-01", to: "2025-01-31" }, t.db)).total).toBe(1);
    expect((await listAuditEvents(admin, { action: "report.submit", actorId: chengguan.id, from: "2025-01-17" }, t.db)).total).toBe(0);
    expect((await listAuditEvents(admin, { action: "report.submit", to: "2025-01-16" }, t.db)).total).toBe(1);
  });

  it("shows every code in details as Chinese words, organ ids as names", async () => {
    const all = await listAuditEvents(admin, {}, t.db);
    expect(all.events.length).toBeGreaterThan(10);
    for (const e of all.events) {
      const text = detailText(e);
      expect(text, `${e.action}: ${text}`).not.toMatch(RAW_CODE);
      expect(text, `${e.action}: ${text}`).not.toMatch(RAW_ID);
      for (const d of e.details) expect(d.label, e.action).not.toMatch(/^[a-zA-Z]+$/);
      expect(e.actionLabel, e.action).not.toMatch(/[a-z]/);
    }
    const byAction = (action: string) => all.events.find((e) => e.action === action)!;
    expect(detailText(byAction("organ.create"))).toContain("类型 乡镇");
    expect(detailText(byAction("organ.create"))).toContain("上级机关 示范县人民政府");
    expect(detailText(byAction("account.create"))).toContain("角色 填报人");
    expect(detailText(byAction("account.update"))).toContain("角色：填报人 → 审核人");
    expect(detailText(byAction("account.update"))).toContain("机关：示范县石桥镇人民政府 → 示范县人民政府");
    expect(detailText(byAction("auth.login_failed"))).toContain("原因 用户名或密码错误");
    expect(detailText(byAction("report.return"))).toContain("状态 已退回");
    expect(detailText(byAction("report.return"))).toContain("原状态 待审核");
    expect(detailText(byAction("comment.create"))).toMatch(/位置 .*自然人/);
    // a reply's detail names no organ (it said 「上级机关 已删除的机关」: the comment it answers taken for an organ)
    const replies = (await listAuditEvents(admin, { action: "comment.reply" }, t.db)).events;
    expect(replies).toHaveLength(2);
    for (const r of replies) expect(detailText(r)).not.toContain("机关");
  });

  it("is for the admin only", async () => {
    expect(await listAuditEvents(shencha, {}, t.db)).toMatchObject({ total: 0, events: [] });
    expect(await listAuditEvents(chengguan, { action: "report.submit" }, t.db)).toMatchObject({ total: 0, events: [] });
  });
});
