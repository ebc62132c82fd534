import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyContent, INPUT_CELLS, type ReportContent } from "@/lib/template";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { withdrawReport } from "@/lib/server/services/withdraw-report";
import { approveReport } from "@/lib/server/services/approve-report";
import { publishReport } from "@/lib/server/services/publish-report";
import { returnReport } from "@/lib/server/services/return-report";
import { addComment } from "@/lib/server/services/comment-create";
import { setCommentResolved } from "@/lib/server/services/comment-resolve";
import { countUnresolvedComments, listComments } from "@/lib/server/services/comment-list";
import { anchorLabel, anchorRefs, anchorSection, parseAnchor, refToAnchor } from "@/lib/server/services/comment-anchor";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty, filledOpening } from "./fixtures";

const YEAR = 2024;

function complete(organName: string): ReportContent {
  const c = emptyContent(organName, YEAR);
  return {
    ...c,
    header: { ...c.header, opening: filledOpening(c.header.opening), signDate: `${YEAR + 1}年1月20日` },
    text: { ...c.text, "s1.active": "本年度主动公开政府信息。", s5: "一是公开意识有待加强。", s6: "无。" },
    fee: { charged: false, pieces: "", amount: "" },
    cells: Object.fromEntries(INPUT_CELLS.map((x) => [x.id, "0"])),
  };
}

describe("comment anchors (pure)", () => {
  it("accepts the anchors of the template and explains the others", () => {
    for (const a of ["report", "section:s5", "cell:t3.new.natural", "cell:t3.total.total", "text:s1.active", "header:signDate", "finding:E1:t3.new.natural,t3.carried.natural"])
      expect(parseAnchor(a).ok, a).toBe(true);
    expect(parseAnchor("cell:t3.gone.natural")).toEqual({
      ok: false,
      message: "批注位置无效：表格中没有单元格“t3.gone.natural”（可能是模板已更新），请选择其他位置。",
    });
    for (const a of ["", "section:s9", "text:nope", "header:body", "finding:Z9:x", "nonsense", 42])
      expect(parseAnchor(a).ok, String(a)).toBe(false);
  });

  it("labels, refs and sections of anchors", () => {
    expect(anchorLabel("report")).toBe("整篇报告");
    expect(anchorLabel("section:s5")).toBe("五、存在的主要问题及改进情况");
    expect(anchorLabel("cell:t3.new.natural")).toContain("自然人");
    expect(anchorLabel("header:signDate")).toBe("成文日期");
    expect(anchorLabel("cell:t3.gone.natural")).toContain("已失效");
    expect(anchorRefs("text:s1.active")).toEqual(["text.s1.active"]);
    expect(anchorRefs("finding:E1:t3.new.natural,t3.carried.natural")).toEqual(["t3.new.natural", "t3.carried.natural"]);
    expect(anchorSection("cell:t4.review.upheld")).toBe("s4");
    expect(anchorSection("finding:T6:header.signDate")).toBeNull();
    expect(refToAnchor("t2.permit.decisions")).toBe("cell:t2.permit.decisions");
    expect(refToAnchor("text.s5")).toBe("text:s5");
    expect(refToAnchor("header.opening")).toBe("header:opening");
  });
});

describe.each(TEST_PROVIDERS)("comments on %s", (provider) => {
  let t: TestDb;
  let chengguan: Actor, qingshan: Actor, shencha: Actor, admin: Actor;
  let neighbour: Awaited<ReturnType<typeof addNeighbourCounty>>;
  let id: string;
  let other: string;
  const status = async () => (await t.db.report.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
  const version = async (reportId: string) => (await t.db.report.findUniqueOrThrow({ where: { id: reportId }, select: { version: true } })).version;
  const submit = async (user: Actor, reportId: string) => {
    const r = await submitReport(user, { reportId, baseVersion: await version(reportId) }, t.db);
    if (!r.ok) throw new Error(r.message);
  };

  beforeAll(async () => {
    t = await createTestDb(provider);
    [chengguan, qingshan, shencha, admin] = (await Promise.all(
      ["chengguan", "qingshan", "shencha", "admin"].map((u) => actor(t.db, u)),
    )) as [Actor, Actor, Actor, Actor];
    neighbour = await addNeighbourCounty(t.db);
    for (const [user, organ] of [
      [qingshan, "示范县青山镇人民政府"],
      [chengguan, "示范县城关镇人民政府"],
    ] as const) {
      const r = await createReport(user, { year: YEAR }, t.db);
      if (!r.ok) throw new Error(r.message);
      const s = await replaceReportContent(user, { reportId: r.reportId, baseVersion: r.version, content: complete(organ) }, t.db);
      if (!s.ok) throw new Error(s.message);
      if (user === qingshan) id = r.reportId;
      else other = r.reportId;
    }
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("no threads on a draft", async () => {
    const r = await addComment(shencha, { reportId: id, anchor: "cell:t3.new.natural", body: "草稿上批注" }, t.db);
    expect(r).toMatchObject({ ok: false, code: "WRONG_STATE", message: "该报告尚未提交审核，暂不能添加批注。" });
    expect(await t.db.comment.count({ where: { reportId: id } })).toBe(0);
  });

  it("the reviewer comments on cells of a submitted report, which starts the review", async () => {
    await submit(qingshan, id);
    const a = await addComment(shencha, { reportId: id, anchor: "cell:t3.new.natural", body: "  自然人申请数与台账不符。 " }, t.db);
    expect(a).toMatchObject({ ok: true, message: "已添加批注。" });
    const row = await t.db.report.findUniqueOrThrow({ where: { id }, select: { reviewStartedAt: true } });
    expect(row.reviewStartedAt).toBeInstanceOf(Date);
    expect(await t.db.reportEvent.count({ where: { reportId: id, action: "report.review_start" } })).toBe(1);
    expect(await withdrawReport(qingshan, { reportId: id }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });

    const b = await addComment(shencha, { reportId: id, anchor: "text:s5", body: "问题写得太笼统。" }, t.db);
    expect(b.ok).toBe(true);
    const c = await addComment(shencha, { reportId: id, anchor: "cell:t2.permit.decisions", body: "许可决定数为 0？" }, t.db);
    expect(c.ok).toBe(true);
    expect(await t.db.reportEvent.count({ where: { reportId: id, action: "comment.create" } })).toBe(3);
    expect(await t.db.reportEvent.count({ where: { reportId: id, action: "report.review_start" } })).toBe(1);
    const stored = await t.db.comment.findFirstOrThrow({ where: { anchor: "cell:t3.new.natural" } });
    expect(stored).toMatchObject({ body: "自然人申请数与台账不符。", authorId: shencha.id, parentId: null, resolved: false });
  });

  it("validates the body and the anchor with clear messages", async () => {
    const bad = async (anchor: string, body: string) => addComment(shencha, { reportId: id, anchor, body }, t.db);
    expect(await bad("cell:t3.new.natural", "   ")).toMatchObject({ ok: false, code: "INVALID", message: "批注内容不能为空。" });
    expect(await bad("cell:t3.new.natural", "字".repeat(2001))).toMatchObject({
      ok: false,
      code: "INVALID",
      message: "批注内容不能超过 2000 字（当前 2001 字）。",
    });
    expect((await bad("cell:t3.new.natural", "字".repeat(2000))).ok).toBe(true);
    const gone = await bad("cell:t3.removed.natural", "这个单元格已不存在");
    expect(gone).toMatchObject({ ok: false, code: "INVALID" });
    expect(gone.message).toContain("表格中没有单元格“t3.removed.natural”");
    expect(await bad("section:s7", "x")).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("only participants comment: other organs see nothing, the admin only reads", async () => {
    const r1 = await addComment(chengguan, { reportId: id, anchor: "report", body: "别人的报告" }, t.db);
    expect(r1).toMatchObject({ ok: false, code: "NOT_FOUND", message: "找不到该报告，或您无权访问。" });
    expect(await addComment(neighbour.supervisor, { reportId: id, anchor: "report", body: "邻县" }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addComment(admin, { reportId: id, anchor: "report", body: "管理员" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await listComments(chengguan, id, t.db)).toEqual([]);
    expect(await listComments(neighbour.supervisor, id, t.db)).toEqual([]);
    expect(await countUnresolvedComments(chengguan, id, t.db)).toBe(0);
    expect((await listComments(admin, id, t.db)).length).toBeGreaterThan(0); // the admin reads everything
    const first = await t.db.comment.findFirstOrThrow({ where: { reportId: id } });
    expect(await setCommentResolved(chengguan, { commentId: first.id, resolved: true }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addComment(chengguan, { reportId: id, parentId: first.id, body: "插话" }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("the return comment joins the threads; the clerk replies and resolves; replies hang off the thread", async () => {
    const ret = await returnReport(shencha, { reportId: id, comment: "请按批注修改后重新提交。" }, t.db);
    expect(ret.ok).toBe(true);
    expect(await status()).toBe("RETURNED");
    const thread = await t.db.comment.findFirstOrThrow({ where: { reportId: id, anchor: "cell:t3.new.natural", parentId: null } });

    const reply = await addComment(qingshan, { reportId: id, parentId: thread.id, anchor: "report", body: "已核实并改正为 2。" }, t.db);
    expect(reply).toMatchObject({ ok: true, message: "已回复。" });
    if (!reply.ok) return;
    const stored = await t.db.comment.findUniqueOrThrow({ where: { id: reply.commentId } });
    expect(stored).toMatchObject({ parentId: thread.id, anchor: "cell:t3.new.natural", authorId: qingshan.id });
    // a reply to the reply is attached to the thread
    const nested = await addComment(shencha, { reportId: id, parentId: reply.commentId, body: "好的。" }, t.db);
    expect(nested.ok).toBe(true);
    if (nested.ok) expect((await t.db.comment.findUniqueOrThrow({ where: { id: nested.commentId } })).parentId).toBe(thread.id);
    // a parent from another report is not found
    await submit(chengguan, other);
    const foreign = await addComment(shencha, { reportId: other, anchor: "report", body: "城关镇" }, t.db);
    expect(foreign.ok).toBe(true);
    if (foreign.ok)
      expect(await addComment(qingshan, { reportId: id, parentId: foreign.commentId, body: "串门" }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });

    const before = await countUnresolvedComments(qingshan, id, t.db);
    expect(await setCommentResolved(qingshan, { commentId: thread.id, resolved: true }, t.db)).toMatchObject({ ok: true, message: "已标记为已解决。" });
    expect(await setCommentResolved(qingshan, { commentId: thread.id, resolved: true }, t.db)).toMatchObject({
      ok: false,
      code: "WRONG_STATE",
      message: "该批注已标记为已解决（可能在其他窗口已操作）。",
    });
    expect(await countUnresolvedComments(shencha, id, t.db)).toBe(before - 1);
    const resolved = await t.db.comment.findUniqueOrThrow({ where: { id: thread.id } });
    expect(resolved).toMatchObject({ resolved: true, resolvedById: qingshan.id });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    // the reviewer reopens it (resolving via a reply's id acts on the thread)
    if (reply.ok) expect(await setCommentResolved(shencha, { commentId: reply.commentId, resolved: false }, t.db)).toMatchObject({ ok: true, commentId: thread.id });
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: thread.id } })).resolved).toBe(false);
    await setCommentResolved(shencha, { commentId: thread.id, resolved: true }, t.db);

    for (const [action, n] of [
      ["comment.reply", 2],
      ["comment.resolve", 2],
      ["comment.reopen", 1],
    ] as const)
      expect(await t.db.reportEvent.count({ where: { reportId: id, action } }), action).toBe(n);
  });

  it("lists threads in report order with replies, labels and resolution", async () => {
    const threads = await listComments(qingshan, id, t.db);
    expect(threads.map((x) => x.anchor)).toEqual([
      "report",
      "cell:t2.permit.decisions",
      "cell:t3.new.natural",
      "cell:t3.new.natural",
      "text:s5",
    ]);
    const first = threads.find((x) => x.anchor === "cell:t3.new.natural")!;
    expect(first).toMatchObject({ resolved: true, resolvedBy: "县政务公开办审核员", anchorValid: true }); // resolved again after the reopen
    expect(first.anchorLabel).toContain("自然人");
    expect(first.author).toMatchObject({ name: "县政务公开办审核员", roleLabel: "审核人" });
    expect(first.replies.map((r) => r.body)).toEqual(["已核实并改正为 2。", "好的。"]);
    expect(threads[0]!.body).toBe("请按批注修改后重新提交。");
    expect(await countUnresolvedComments(qingshan, id, t.db)).toBe(4);

    // a thread whose cell disappeared from the template is still listed, flagged
    await t.db.comment.create({ data: { reportId: id, anchor: "cell:t3.old.natural", body: "旧模板的单元格", authorId: shencha.id } });
    const again = await listComments(shencha, id, t.db);
    expect(again.find((x) => x.anchor === "cell:t3.old.natural")).toMatchObject({ anchorValid: false });
  });

  it("a published report takes no more comments", async () => {
    await submit(qingshan, id);
    expect((await approveReport(shencha, { reportId: id }, t.db)).ok).toBe(true);
    // after approval comments are still possible (notes before publishing)
    expect((await addComment(shencha, { reportId: id, anchor: "report", body: "可以发布。" }, t.db)).ok).toBe(true);
    expect((await publishReport(shencha, { reportId: id }, t.db)).ok).toBe(true);
    const r = await addComment(shencha, { reportId: id, anchor: "report", body: "发布后" }, t.db);
    expect(r).toMatchObject({ ok: false, code: "WRONG_STATE", message: "该报告已发布，不能再添加或修改批注。" });
    const thread = await t.db.comment.findFirstOrThrow({ where: { reportId: id, resolved: false, parentId: null } });
    expect(await setCommentResolved(qingshan, { commentId: thread.id, resolved: true }, t.db)).toMatchObject({ ok: false, code: "WRONG_STATE" });
  });

  it("a disabled account's old session cannot comment", async () => {
    await t.db.user.update({ where: { id: chengguan.id }, data: { disabled: true } });
    try {
      const r = await addComment(chengguan, { reportId: other, anchor: "report", body: "停用后" }, t.db);
      expect(r).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    } finally {
      await t.db.user.update({ where: { id: chengguan.id }, data: { disabled: false } });
    }
  });
});
