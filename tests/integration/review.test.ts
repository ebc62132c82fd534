import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportContent } from "@/lib/template";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { withdrawReport } from "@/lib/server/services/withdraw-report";
import { startReview, startReviewAsAction } from "@/lib/server/services/start-review";
import { getPreviousYearReport, getReport } from "@/lib/server/services/get-report";
import { listComments } from "@/lib/server/services/comment-list";
import { returnReport } from "@/lib/server/services/return-report";
import { approveReport } from "@/lib/server/services/approve-report";
import { publishReport } from "@/lib/server/services/publish-report";
import { compareSubmission, getReviewState, listSubmissions } from "@/lib/server/services/report-history";
import { getPublishedReport } from "@/lib/server/services/public-reports";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty, completeContent } from "./fixtures";

const YEAR = 2024;

const complete = (organName: string, year = YEAR): ReportContent => completeContent(organName, year);

describe.each(TEST_PROVIDERS)("review workflow on %s", (provider) => {
  let t: TestDb;
  let chengguan: Actor, qingshan: Actor, hekou: Actor, shencha: Actor, admin: Actor;
  let neighbour: Awaited<ReturnType<typeof addNeighbourCounty>>;
  const ids: Record<string, string> = {};

  const row = (id: string) =>
    t.db.report.findUniqueOrThrow({
      where: { id },
      select: { status: true, version: true, errorCount: true, submittedAt: true, reviewStartedAt: true, approvedAt: true, publishedAt: true, content: true },
    });
  const events = (id: string, action: string) => t.db.reportEvent.findMany({ where: { reportId: id, action }, orderBy: { createdAt: "asc" } });
  const version = async (id: string) => (await row(id)).version;
  /** Saves `content` as the clerk; returns the new version. */
  const save = async (user: Actor, id: string, content: ReportContent) => {
    const r = await replaceReportContent(user, { reportId: id, baseVersion: await version(id), content }, t.db);
    if (!r.ok) throw new Error(`save failed: ${r.message}`);
    return r.version;
  };

  beforeAll(async () => {
    t = await createTestDb(provider);
    [chengguan, qingshan, hekou, shencha, admin] = (await Promise.all(
      ["chengguan", "qingshan", "hekou", "shencha", "admin"].map((u) => actor(t.db, u)),
    )) as [Actor, Actor, Actor, Actor, Actor];
    neighbour = await addNeighbourCounty(t.db);
    for (const [name, user] of [
      ["chengguan", chengguan],
      ["qingshan", qingshan],
      ["hekou", hekou],
      ["dongfeng", neighbour.clerk],
    ] as const) {
      const r = await createReport(user, { year: YEAR }, t.db);
      if (!r.ok) throw new Error(`create failed for ${name}: ${r.message}`);
      ids[name] = r.reportId;
    }
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("submit is refused on the server while errors are open, naming the first ones", async () => {
    const id = ids.qingshan!;
    const v = await version(id);
    const r = await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db);
    expect(r).toMatchObject({ ok: false, code: "INVALID" });
    expect(r.message).toMatch(/^还有 \d+ 项错误未改正，不能提交审核：/);
    expect(r.message).toContain("一、总体情况尚未填写");
    expect(r.message).toMatch(/表格中有 \d+ 个单元格未填写/);
    // counted as the editor and the supervisor's dashboard count them: a table's blank cells are one error
    const counted = Number(r.message!.match(/^还有 (\d+) 项/)![1]);
    expect(counted).toBe((await row(id)).errorCount);
    expect(counted).toBeLessThan(Number(r.message!.match(/表格中有 (\d+) 个/)![1]));
    expect((await row(id)).status).toBe("DRAFT");
    expect(await t.db.reportSnapshot.count({ where: { reportId: id } })).toBe(0);
    expect(await events(id, "report.submit")).toHaveLength(0);

    // one error left: the message names it
    const c = complete("示范县青山镇人民政府");
    await save(qingshan, id, { ...c, cells: { ...c.cells, "t3.new.natural": "3" } });
    const one = await submitReport(qingshan, { reportId: id, baseVersion: await version(id) }, t.db);
    expect(one.ok).toBe(false);
    expect(one.message).toContain("还有 1 项错误"); // one E1: the 自然人 column (the 总计 column is off because of it)
    expect(one.message).toContain("自然人");
  });

  it("submits a complete report: status, dates, snapshot 1, audit row; the clerk can no longer save", async () => {
    const id = ids.qingshan!;
    const v = await save(qingshan, id, complete("示范县青山镇人民政府"));
    const r = await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db);
    expect(r).toMatchObject({ ok: true, status: "SUBMITTED", seq: 1 });
    const after = await row(id);
    expect(after.status).toBe("SUBMITTED");
    expect(after.version).toBe(v); // transitions do not count as content writes
    expect(after.submittedAt).toBeInstanceOf(Date);
    expect(after.reviewStartedAt).toBeNull();
    const snap = await t.db.reportSnapshot.findUniqueOrThrow({ where: { reportId_seq: { reportId: id, seq: 1 } } });
    expect(snap).toMatchObject({ version: v, content: after.content, createdById: qingshan.id });
    const ev = await events(id, "report.submit");
    expect(ev).toHaveLength(1);
    expect(ev[0]!.actorId).toBe(qingshan.id);
    expect(JSON.parse(ev[0]!.detail)).toMatchObject({ seq: 1, status: "SUBMITTED", fromStatus: "DRAFT", version: v });

    // read-only for the clerk now: save-report refuses, nothing changes
    const edit = await replaceReportContent(qingshan, { reportId: id, baseVersion: v, content: complete("改名") }, t.db);
    expect(edit).toMatchObject({ ok: false, code: "READ_ONLY" });
    expect(edit.ok ? "" : edit.message).toContain("待审核");
    expect((await row(id)).content).toBe(after.content);

    // a second submit (double click / other tab)
    const again = await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db);
    expect(again).toMatchObject({ ok: false, code: "WRONG_STATE" });
    expect(again.message).toContain("已提交审核，无需重复操作");
    expect(await t.db.reportSnapshot.count({ where: { reportId: id } })).toBe(1);
  });

  it("who may act: other organs get 404-like answers, wrong roles are refused", async () => {
    const id = ids.qingshan!;
    const before = await row(id);
    // another township's clerk and the neighbour county's supervisor do not even see it
    for (const r of [
      await withdrawReport(chengguan, { reportId: id }, t.db),
      await submitReport(chengguan, { reportId: id, baseVersion: before.version }, t.db),
      await approveReport(neighbour.supervisor, { reportId: id }, t.db),
      await returnReport(neighbour.supervisor, { reportId: id, comment: "x" }, t.db),
      await approveReport(shencha, { reportId: "no-such-report" }, t.db),
    ]) {
      expect(r).toMatchObject({ ok: false, code: "NOT_FOUND", message: "找不到该报告，或您无权访问。" });
    }
    // the clerk cannot review, the supervisor cannot submit/withdraw, the admin cannot review
    expect(await approveReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN", message: "只有审核人可以审核通过。" });
    expect(await returnReport(qingshan, { reportId: id, comment: "自己退回" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await publishReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await withdrawReport(shencha, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN", message: "只有本机关的填报人可以撤回。" });
    expect(await approveReport(admin, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    // publish before approval
    const early = await publishReport(shencha, { reportId: id }, t.db);
    expect(early).toMatchObject({ ok: false, code: "WRONG_STATE" });
    expect(early.message).toContain("审核通过后才能发布");
    expect(await startReview(chengguan, { reportId: id }, t.db)).toBe(false);
    expect(await startReview(neighbour.supervisor, { reportId: id }, t.db)).toBe(false);
    expect(await startReview(admin, { reportId: id }, t.db)).toBe(false);
    expect(await startReviewAsAction(chengguan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await startReviewAsAction(admin, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await startReviewAsAction(neighbour.supervisor, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await startReviewAsAction(shencha, { reportId: ids.chengguan! }, t.db)).toMatchObject({
      ok: false,
      code: "WRONG_STATE",
      message: expect.stringContaining("尚未提交审核"),
    });
    const after = await row(id);
    expect(after).toEqual(before);
  });

  it("the supervisor opening the submitted report (everything the report page reads) does not start the review", async () => {
    const id = ids.qingshan!;
    expect((await row(id)).status).toBe("SUBMITTED");
    const report = await getReport(shencha, id, t.db);
    expect(report).toMatchObject({ status: "SUBMITTED", parentOrganName: "示范县人民政府" });
    await Promise.all([
      getPreviousYearReport(shencha, report!.organId, report!.year, t.db),
      getReviewState(shencha, id, t.db),
      listComments(shencha, id, t.db),
      compareSubmission(shencha, id, undefined, t.db),
      listSubmissions(shencha, id, t.db),
    ]);
    expect((await row(id)).reviewStartedAt).toBeNull();
    expect(await events(id, "report.review_start")).toHaveLength(0);
    expect((await getReviewState(qingshan, id, t.db))?.withdrawable).toBe(true);
  });

  it("the clerk withdraws until the review starts; resubmitting stores snapshot 2", async () => {
    const id = ids.qingshan!;
    const w = await withdrawReport(qingshan, { reportId: id }, t.db);
    expect(w).toMatchObject({ ok: true, status: "DRAFT" });
    expect((await row(id)).submittedAt).toBeNull();
    expect(await events(id, "report.withdraw")).toHaveLength(1);
    expect(await withdrawReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });

    // editable again
    const c = complete("示范县青山镇人民政府");
    const v = await save(qingshan, id, { ...c, text: { ...c.text, s5: "一是公开意识有待加强。二是培训不足。" } });
    expect(await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db)).toMatchObject({ ok: true, seq: 2 });

    // the supervisor starts the review (开始审核): started once, withdrawal refused from now on
    expect(await startReviewAsAction(shencha, { reportId: id }, t.db)).toEqual({ ok: true, message: "已开始审核：填报人不能再撤回该报告。" });
    expect(await startReview(shencha, { reportId: id }, t.db)).toBe(false);
    expect(await startReviewAsAction(shencha, { reportId: id }, t.db)).toMatchObject({ ok: true, message: expect.stringContaining("无需重复操作") });
    expect((await row(id)).reviewStartedAt).toBeInstanceOf(Date);
    expect(await events(id, "report.review_start")).toHaveLength(1);
    const late = await withdrawReport(qingshan, { reportId: id }, t.db);
    expect(late).toMatchObject({ ok: false, code: "WRONG_STATE", status: "SUBMITTED" });
    expect(late.message).toContain("审核人已开始审核，不能撤回");
    expect((await getReviewState(qingshan, id, t.db))?.withdrawable).toBe(false);
  });

  it("return needs a comment, which becomes a Comment; the clerk edits and resubmits; the diff shows it", async () => {
    const id = ids.qingshan!;
    expect(await returnReport(shencha, { reportId: id, comment: "   " }, t.db)).toMatchObject({
      ok: false,
      code: "INVALID",
      message: "请填写退回意见（说明需要修改的内容）。",
    });
    expect(await returnReport(shencha, { reportId: id, comment: "x".repeat(2001) }, t.db)).toMatchObject({ ok: false, code: "INVALID" });
    expect(await returnReport(shencha, { reportId: id, comment: "表三数字有误", anchor: "cell:t9.none" }, t.db)).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect((await row(id)).status).toBe("SUBMITTED");

    const r = await returnReport(shencha, { reportId: id, comment: "  请核实表三自然人申请数。 " }, t.db);
    expect(r).toMatchObject({ ok: true, status: "RETURNED" });
    if (!r.ok) return;
    const comment = await t.db.comment.findUniqueOrThrow({ where: { id: r.commentId! } });
    expect(comment).toMatchObject({ reportId: id, anchor: "report", body: "请核实表三自然人申请数。", authorId: shencha.id, resolved: false });
    const ev = await events(id, "report.return");
    expect(JSON.parse(ev[0]!.detail)).toMatchObject({ commentId: r.commentId, status: "RETURNED", fromStatus: "SUBMITTED" });
    const state = await getReviewState(qingshan, id, t.db);
    expect(state?.lastReturn).toMatchObject({ body: "请核实表三自然人申请数。", commentId: r.commentId });
    expect(await returnReport(shencha, { reportId: id, comment: "再退一次" }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });
    expect(await approveReport(shencha, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });

    // the clerk fixes and resubmits
    const c = complete("示范县青山镇人民政府");
    const fixed = {
      ...c,
      text: { ...c.text, s5: "一是公开意识有待加强。二是培训不足，已制定年度培训计划。" },
      cells: { ...c.cells, "t3.new.natural": "2", "t3.open.natural": "2" },
    };
    const v = await save(qingshan, id, fixed);
    const s = await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db);
    expect(s).toMatchObject({ ok: true, seq: 3 });
    expect((await row(id)).reviewStartedAt).toBeNull(); // a new submission is not being reviewed yet

    const cmp = await compareSubmission(shencha, id, undefined, t.db);
    expect(cmp?.seq).toBe(3);
    expect(cmp?.previous?.seq).toBe(2);
    expect(cmp?.changes?.cells.map((x) => [x.id, x.before, x.after])).toEqual([
      ["t3.new.natural", "0", "2"],
      ["t3.open.natural", "0", "2"],
    ]);
    expect(cmp?.changes?.texts.map((x) => x.ref)).toEqual(["text.s5"]);
    expect(cmp?.changes?.texts[0]?.segments).toContainEqual({ op: "insert", text: "，已制定年度培训计划" });
    expect(await compareSubmission(chengguan, id, undefined, t.db)).toBeNull();
    expect((await compareSubmission(qingshan, id, 1, t.db))?.changes).toBeNull();

    const subs = await listSubmissions(shencha, id, t.db);
    expect(subs.map((x) => [x.seq, x.outcome])).toEqual([
      [1, "withdrawn"],
      [2, "returned"],
      [3, "pending"],
    ]);
    expect(subs[1]!.returnComment).toBe("请核实表三自然人申请数。");
  });

  it("a reviewer acting on a version they did not see is told to reload", async () => {
    const id = ids.qingshan!;
    const v = await version(id);
    const r = await approveReport(shencha, { reportId: id, baseVersion: v - 1 }, t.db);
    expect(r).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(r.message).toContain("请刷新页面");
    expect((await row(id)).status).toBe("SUBMITTED");
  });

  it("concurrent approvals: exactly one wins, one audit row; then publish once", async () => {
    const id = ids.qingshan!;
    const v = await version(id);
    const results = await Promise.all(Array.from({ length: 6 }, () => approveReport(shencha, { reportId: id, baseVersion: v }, t.db)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r).toMatchObject({ code: "WRONG_STATE" });
      expect(r.message).toContain("已审核通过，无需重复操作");
    }
    expect(await events(id, "report.approve")).toHaveLength(1);
    const approved = await row(id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.approvedAt).toBeInstanceOf(Date);
    expect(approved.reviewStartedAt).toBeInstanceOf(Date);

    // the clerk can neither save nor withdraw an approved report
    expect(await replaceReportContent(qingshan, { reportId: id, baseVersion: v, content: complete("x") }, t.db)).toMatchObject({ ok: false, code: "READ_ONLY" });
    expect(await withdrawReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });

    const pubs = await Promise.all([1, 2, 3].map(() => publishReport(shencha, { reportId: id }, t.db)));
    expect(pubs.filter((r) => r.ok)).toHaveLength(1);
    expect(pubs.find((r) => !r.ok)?.message).toContain("已发布，无需重复操作");
    const published = await row(id);
    expect(published.status).toBe("PUBLISHED");
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await events(id, "report.publish")).toHaveLength(1);
    expect((await listSubmissions(qingshan, id, t.db)).at(-1)?.outcome).toBe("published");
    expect(await replaceReportContent(qingshan, { reportId: id, baseVersion: v, content: complete("x") }, t.db)).toMatchObject({ ok: false, code: "READ_ONLY" });
    expect(await withdrawReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });
  });

  it("a published report found wrong is returned: it leaves the public portal, is corrected and published again", async () => {
    const id = ids.qingshan!;
    expect(await getPublishedReport(id, t.db)).not.toBeNull();
    // only a reviewer of the county may, with a reason
    expect(await returnReport(neighbour.supervisor, { reportId: id, comment: "越权" }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await returnReport(qingshan, { reportId: id, comment: "自己退回" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await returnReport(shencha, { reportId: id, comment: " " }, t.db)).toMatchObject({ ok: false, code: "INVALID" });
    expect((await row(id)).status).toBe("PUBLISHED");

    const r = await returnReport(shencha, { reportId: id, comment: "表二“行政许可”数字有误，请改正后重新提交。" }, t.db);
    expect(r).toMatchObject({ ok: true, status: "RETURNED" });
    const returned = await row(id);
    expect(returned).toMatchObject({ status: "RETURNED", approvedAt: null, publishedAt: null });
    expect(await getPublishedReport(id, t.db)).toBeNull();
    const ev = await events(id, "report.return");
    expect(JSON.parse(ev.at(-1)!.detail)).toMatchObject({ status: "RETURNED", fromStatus: "PUBLISHED" });
    const last = (await listSubmissions(shencha, id, t.db)).at(-1);
    expect(last).toMatchObject({ outcome: "returned", returnComment: "表二“行政许可”数字有误，请改正后重新提交。" });

    // the clerk corrects and resubmits; approved and published again, the portal shows the correction
    const c = complete("示范县青山镇人民政府");
    const v = await save(qingshan, id, { ...c, cells: { ...c.cells, "t2.permit.decisions": "17" } });
    const s = await submitReport(qingshan, { reportId: id, baseVersion: v }, t.db);
    expect(s).toMatchObject({ ok: true, seq: (last?.seq ?? 0) + 1 });
    expect(await approveReport(shencha, { reportId: id }, t.db)).toMatchObject({ ok: true });
    // an approval can be taken back as well
    expect(await returnReport(shencha, { reportId: id, comment: "再核对一次表三。" }, t.db)).toMatchObject({ ok: true, status: "RETURNED" });
    const v2 = await version(id);
    expect(await submitReport(qingshan, { reportId: id, baseVersion: v2 }, t.db)).toMatchObject({ ok: true });
    expect(await approveReport(shencha, { reportId: id }, t.db)).toMatchObject({ ok: true });
    expect(await publishReport(shencha, { reportId: id }, t.db)).toMatchObject({ ok: true, status: "PUBLISHED" });
    expect((await getPublishedReport(id, t.db))?.content.cells["t2.permit.decisions"]).toBe("17");
    expect((await listSubmissions(shencha, id, t.db)).map((x) => x.outcome).slice(-3)).toEqual(["returned", "returned", "published"]);
  });

  it("a save racing a submit: exactly one wins, every time", async () => {
    const id = ids.chengguan!;
    await save(chengguan, id, complete("示范县城关镇人民政府"));
    const winners = { save: 0, submit: 0 };
    for (let i = 0; i < 6; i++) {
      const v = await version(id);
      const c = complete("示范县城关镇人民政府");
      const edited = { ...c, text: { ...c.text, s6: `第 ${i} 次修改。` } };
      const [saved, submitted] = await Promise.all([
        replaceReportContent(chengguan, { reportId: id, baseVersion: v, content: edited }, t.db),
        submitReport(chengguan, { reportId: id, baseVersion: v }, t.db),
      ]);
      expect([saved.ok, submitted.ok].filter(Boolean)).toHaveLength(1);
      const after = await row(id);
      if (submitted.ok) {
        winners.submit++;
        expect(saved).toMatchObject({ ok: false, code: "READ_ONLY" });
        expect(after).toMatchObject({ status: "SUBMITTED", version: v });
        // the snapshot holds exactly what was stored at submission, not the refused edit
        const snap = await t.db.reportSnapshot.findFirstOrThrow({ where: { reportId: id }, orderBy: { seq: "desc" } });
        expect(snap.content).toBe(after.content);
        expect(after.content).not.toContain(`第 ${i} 次修改。`);
        expect((await withdrawReport(chengguan, { reportId: id }, t.db)).ok).toBe(true);
      } else {
        winners.save++;
        expect(submitted).toMatchObject({ ok: false, code: "CONFLICT" });
        expect(after).toMatchObject({ status: "DRAFT", version: v + 1 });
        expect(after.content).toContain(`第 ${i} 次修改。`);
      }
    }
    expect(winners.save + winners.submit).toBe(6);
    const snaps = await t.db.reportSnapshot.findMany({ where: { reportId: id }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(snaps.map((s) => s.seq)).toEqual(Array.from({ length: winners.submit }, (_, i) => i + 1));
  });

  it("concurrent submits store one snapshot; a withdrawal racing the review start is decided once", async () => {
    const id = ids.hekou!;
    const v = await save(hekou, id, complete("示范县河口乡人民政府"));
    const subs = await Promise.all([1, 2, 3].map(() => submitReport(hekou, { reportId: id, baseVersion: v }, t.db)));
    expect(subs.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.reportSnapshot.count({ where: { reportId: id } })).toBe(1);
    expect(await events(id, "report.submit")).toHaveLength(1);

    const [withdrawn, started] = await Promise.all([
      withdrawReport(hekou, { reportId: id }, t.db),
      startReview(shencha, { reportId: id }, t.db),
    ]);
    const after = await row(id);
    if (withdrawn.ok) {
      expect(after).toMatchObject({ status: "DRAFT", reviewStartedAt: null });
      expect(await events(id, "report.review_start")).toHaveLength(started ? 1 : 0);
      // started can only be true if it ran first — then the withdrawal would have failed
      expect(started).toBe(false);
    } else {
      expect(started).toBe(true);
      expect(after.status).toBe("SUBMITTED");
      expect(after.reviewStartedAt).toBeInstanceOf(Date);
      expect(withdrawn.message).toContain("审核人已开始审核");
    }
  });

  it("a disabled account's old session can do nothing", async () => {
    const id = ids.dongfeng!;
    const v = await save(neighbour.clerk, id, complete("邻县东风镇人民政府"));
    await t.db.user.update({ where: { id: neighbour.clerk.id }, data: { disabled: true } });
    try {
      const r = await submitReport(neighbour.clerk, { reportId: id, baseVersion: v }, t.db);
      expect(r).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(r.message).toContain("账号已停用");
      expect((await row(id)).status).toBe("DRAFT");
    } finally {
      await t.db.user.update({ where: { id: neighbour.clerk.id }, data: { disabled: false } });
    }
    await t.db.user.update({ where: { id: neighbour.supervisor.id }, data: { disabled: true } });
    try {
      expect(await submitReport(neighbour.clerk, { reportId: id, baseVersion: v }, t.db)).toMatchObject({ ok: true });
      expect(await approveReport(neighbour.supervisor, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await startReview(neighbour.supervisor, { reportId: id }, t.db)).toBe(false);
      expect((await row(id)).status).toBe("SUBMITTED");
    } finally {
      await t.db.user.update({ where: { id: neighbour.supervisor.id }, data: { disabled: false } });
    }
    expect(await approveReport(neighbour.supervisor, { reportId: id }, t.db)).toMatchObject({ ok: true });
  });
});
