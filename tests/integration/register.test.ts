import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { EMPTY_INPUT, type ApplicationInput } from "@/lib/register";
import { computeTotals } from "@/lib/report";
import { t3CellId, t4CellId } from "@/lib/template";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { getReport } from "@/lib/server/services/get-report";
import { createApplication, updateApplication } from "@/lib/server/services/register-save";
import { getRegister } from "@/lib/server/services/register-list";
import { carryOverOnOpen, carryOverRegister } from "@/lib/server/services/register-carry";
import { addDisclosureCase } from "@/lib/server/services/register-cases";
import { listDueApplications } from "@/lib/server/services/register-due";
import { exportRegister } from "@/lib/server/services/register-export";
import { checkRegisterImport, confirmRegisterImport, registeredKeys } from "@/lib/server/services/register-import";
import { readRegisterUpload } from "@/lib/export/register-sheet";
import { guessMapping } from "@/lib/register";
import { reportRegisterState, setTableSource, syncReportFromRegister } from "@/lib/server/services/register-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { returnReport } from "@/lib/server/services/return-report";
import { setHolidayOverride } from "@/lib/server/services/admin-holidays";
import { applicationHistory } from "@/lib/server/services/register-history";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, completeContent } from "./fixtures";

const app = (over: Partial<ApplicationInput>): ApplicationInput => ({ ...EMPTY_INPUT, ...over });

describe.each(TEST_PROVIDERS)("the register (台账) on %s", (provider) => {
  let t: TestDb;
  let beipo: Actor, dongshan: Actor, dsshencha: Actor, admin: Actor; // 城关镇 clerk, 青山镇 clerk, 示范县 supervisor, admin
  let organId: string;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    [beipo, dongshan, dsshencha, admin] = (await Promise.all(["chengguan", "qingshan", "shencha", "admin"].map((u) => actor(t.db, u)))) as Actor[] as [
      Actor,
      Actor,
      Actor,
      Actor,
    ];
    organId = beipo.organId!;
    const r = await createReport(beipo, { year: 2025 }, t.db);
    if (!r.ok) throw new Error(r.message);
    reportId = r.reportId;
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it("records applications, fills table 三 of the report and keeps it balanced", async () => {
    const a1 = await createApplication(beipo, organId, 2025, app({ receivedAt: "2025-03-03", applicantName: "张三", contact: "13800000000", content: "道路规划", repliedAt: "2025-03-20", result: "open" }), t.db);
    expect(a1.ok).toBe(true);
    const a2 = await createApplication(beipo, organId, 2025, app({ receivedAt: "2025-09-28", method: "online", applicantType: "commercial", applicantName: "某公司", repliedAt: "", result: "" }), t.db);
    expect(a2.ok).toBe(true);
    if (a2.ok) expect(a2.entry.deadline.due).toBe("2025-10-31");
    const a3 = await createApplication(beipo, organId, 2025, app({ receivedAt: "2025-12-15", applicantName: "李四" }), t.db);
    expect(a3.ok).toBe(true);
    // a2 is answered with 部分公开
    if (!a2.ok) return;
    const done = await updateApplication(beipo, a2.entry.id, a2.entry.version, { ...a2.entry.input, repliedAt: "2025-10-30", result: "partial" }, t.db);
    expect(done.ok).toBe(true);

    const report = await getReport(beipo, reportId, t.db);
    const cells = report!.content.cells;
    expect(cells[t3CellId("new", "natural")]).toBe("2");
    expect(cells[t3CellId("new", "commercial")]).toBe("1");
    expect(cells[t3CellId("open", "natural")]).toBe("1");
    expect(cells[t3CellId("partial", "commercial")]).toBe("1");
    expect(cells[t3CellId("carryover", "natural")]).toBe("1");
    const totals = computeTotals(cells);
    expect(totals[t3CellId("new", "total")]! + totals[t3CellId("carried", "total")]!).toBe(
      totals[t3CellId("total", "total")]! + totals[t3CellId("carryover", "total")]!,
    );
    const fills = await t.db.reportEvent.count({ where: { reportId, action: "register.fill_report" } });
    expect(fills).toBeGreaterThan(0);
  });

  it("refuses bad input with the field named, and a stale version with a clear message", async () => {
    const bad = await createApplication(beipo, organId, 2025, app({ receivedAt: "2025-05-10", repliedAt: "2025-05-01", result: "open" }), t.db);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors?.[0]?.field).toBe("repliedAt");
    const outside = await createApplication(beipo, organId, 2025, app({ receivedAt: "2026-01-05" }), t.db);
    expect(!outside.ok && outside.errors?.[0]?.message).toContain("不在 2025 年内");
    const noRow = await createApplication(beipo, organId, 2025, app({ receivedAt: "2025-05-10", repliedAt: "2025-05-11", result: "deny9" }), t.db);
    expect(!noRow.ok && noRow.errors?.[0]?.field).toBe("result");

    const page = await getRegister(beipo, organId, 2025, t.db);
    const e = page!.entries[0]!;
    const first = await updateApplication(beipo, e.id, e.version, { ...e.input, note: "第一次" }, t.db);
    expect(first.ok).toBe(true);
    const stale = await updateApplication(beipo, e.id, e.version, { ...e.input, note: "第二次" }, t.db);
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.code).toBe("CONFLICT");
      expect(stale.message).toContain("已被他人修改");
      expect(stale.current?.input.note).toBe("第一次");
    }
    expect(await t.db.reportEvent.count({ where: { action: "register.update" } })).toBeGreaterThan(0);
    const history = await applicationHistory(beipo, e.id, t.db);
    expect(history!.map((h) => [h.action, h.fields.join("、")])).toEqual([
      ["修改依申请公开登记", "备注"],
      ["登记依申请公开", ""],
    ]);
  });

  it("names the years whose holiday calendar is not known (due dates there count Monday–Friday), until an admin enters one", async () => {
    expect((await getRegister(beipo, organId, 2025, t.db))!.unknownHolidayYears).toEqual([]);
    expect((await getRegister(beipo, organId, 2098, t.db))!.unknownHolidayYears).toEqual([2098, 2099]);
    await t.db.holidayOverride.create({ data: { date: "2099-01-01", kind: "holiday", name: "元旦" } });
    try {
      expect((await getRegister(beipo, organId, 2098, t.db))!.unknownHolidayYears).toEqual([2098]);
    } finally {
      await t.db.holidayOverride.delete({ where: { date: "2099-01-01" } });
    }
  });

  it("shows personal data only to the organ's clerks and admins over it", async () => {
    const own = await getRegister(beipo, organId, 2025, t.db);
    expect(own!.entries.map((e) => e.input.applicantName)).toContain("张三");
    const sup = await getRegister(dsshencha, organId, 2025, t.db);
    expect(sup!.entries.length).toBe(own!.entries.length);
    expect(sup!.entries.every((e) => e.input.applicantName === "" && e.input.contact === "")).toBe(true);
    const adm = await getRegister(admin, organId, 2025, t.db);
    expect(adm!.entries.map((e) => e.input.applicantName)).toContain("张三");
    expect(await getRegister(dongshan, organId, 2025, t.db)).toBeNull();
    const edit = await createApplication(dsshencha, organId, 2025, app({ receivedAt: "2025-05-10" }), t.db);
    expect(edit.ok).toBe(false);

    // the export: personal columns only for those who may see them; every export audited
    const before = await t.db.reportEvent.count({ where: { action: "register.export" } });
    const supX = await exportRegister(dsshencha, organId, 2025, t.db);
    const ownX = await exportRegister(beipo, organId, 2025, t.db);
    expect(supX.ok && ownX.ok).toBe(true);
    const text = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      const out: string[] = [];
      wb.worksheets[0]!.eachRow((r) => out.push(JSON.stringify(r.values)));
      return out.join("\n");
    };
    if (supX.ok) expect(await text(supX.bytes)).not.toContain("张三");
    if (ownX.ok) expect(await text(ownX.bytes)).toContain("张三");
    expect(await t.db.reportEvent.count({ where: { action: "register.export" } })).toBe(before + 2);
    // nothing personal reaches the report
    const report = await t.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(report.content).not.toContain("张三");
  });

  it("lists due-soon and overdue applications, without names, for clerk and supervisor", async () => {
    const now = new Date("2025-12-29T02:00:00Z"); // a12-15 due 2026-01-14 → due soon? no: ok; use 2026-01-12
    const later = new Date("2026-01-12T02:00:00Z");
    const clerk = await listDueApplications(beipo, t.db, later);
    expect(clerk.map((d) => d.receivedAt)).toContain("2025-12-15");
    const sup = await listDueApplications(dsshencha, t.db, later);
    expect(sup.map((d) => d.receivedAt)).toContain("2025-12-15");
    expect(JSON.stringify(sup)).not.toContain("李四");
    expect((await listDueApplications(beipo, t.db, now)).map((d) => d.receivedAt)).not.toContain("2025-12-15");
  });

  it("carries open applications into next year's register as 上年结转", async () => {
    // not while 2026 has not begun in China, and never when a supervisor opens it
    expect(await carryOverOnOpen(beipo, organId, 2026, t.db, new Date("2025-12-31T15:00:00Z"))).toBe(0);
    expect(await carryOverOnOpen(dsshencha, organId, 2026, t.db, new Date("2026-01-02T02:00:00Z"))).toBe(0);
    expect(await t.db.application.count({ where: { organId, year: 2026 } })).toBe(0);
    // by itself when the clerk opens 2026's register (China time: 2026-01-01 00:30)
    const res = { count: await carryOverOnOpen(beipo, organId, 2026, t.db, new Date("2025-12-31T16:30:00Z")) };
    expect(res.count).toBe(1);
    expect(await carryOverOnOpen(beipo, organId, 2026, t.db, new Date("2026-01-02T02:00:00Z"))).toBe(0);
    expect((await carryOverRegister(beipo, organId, 2025, t.db)).count).toBe(0);
    const next = await getRegister(beipo, organId, 2026, t.db);
    expect(next!.entries).toHaveLength(1);
    expect(next!.entries[0]!.carried).toBe(true);
    expect(next!.table3[t3CellId("carried", "natural")]).toBe("1");
    // closing the original in 2025 as well would count it twice (办结 in 2025, 上年结转 in 2026): refused, named
    const original = (await getRegister(beipo, organId, 2025, t.db))!.entries.find((x) => !x.input.result)!; // the one carried
    const twice = await updateApplication(beipo, original.id, original.version, { ...original.input, repliedAt: "2025-12-30", result: "open" }, t.db);
    expect(twice).toMatchObject({ ok: false, code: "INVALID", errors: [{ field: "result", message: expect.stringContaining("已结转到 2026 年度台账（第 1 号），请在 2026 年度台账中登记答复") }] });
    expect((await getRegister(beipo, organId, 2025, t.db))!.table3[t3CellId("carryover", "natural")]).toBe("1");
    // the original's 申请人类别 corrected in 2025 (or the copy's in 2026): both entries follow, or 结转下年度 and
    // next year's 上年结转 would count it in different columns (X1)
    const fixed = await updateApplication(beipo, original.id, original.version, { ...original.input, applicantType: "legal", receivedAt: "2025-12-16" }, t.db);
    expect(fixed.ok).toBe(true);
    const copy = (await getRegister(beipo, organId, 2026, t.db))!.entries[0]!;
    expect(copy.input).toMatchObject({ applicantType: "legal", receivedAt: "2025-12-16" });
    expect((await getRegister(beipo, organId, 2025, t.db))!.table3[t3CellId("carryover", "legal")]).toBe("1");
    expect((await getRegister(beipo, organId, 2026, t.db))!.table3[t3CellId("carried", "legal")]).toBe("1");
    const back = await updateApplication(beipo, copy.id, copy.version, { ...copy.input, applicantType: "natural", receivedAt: "2025-12-15" }, t.db);
    expect(back.ok).toBe(true);
    expect((await getRegister(beipo, organId, 2025, t.db))!.entries.find((x) => x.id === original.id)!.input).toMatchObject({ applicantType: "natural", receivedAt: "2025-12-15" });
    expect((await getRegister(beipo, organId, 2025, t.db))!.table3[t3CellId("carryover", "natural")]).toBe("1");
    expect((await t.db.reportEvent.findMany({ where: { action: "register.update" }, select: { detail: true } })).some((e) => (e.detail ?? "").includes("2026 年度第 1 号"))).toBe(true);
    // closed there in January
    const e = (await getRegister(beipo, organId, 2026, t.db))!.entries[0]!;
    const closed = await updateApplication(beipo, e.id, e.version, { ...e.input, repliedAt: "2026-01-08", result: "unable1" }, t.db);
    expect(closed.ok).toBe(true);
    const after = await getRegister(beipo, organId, 2026, t.db);
    expect(after!.table3[t3CellId("unable1", "natural")]).toBe("1");
    expect(after!.table3[t3CellId("carryover", "natural")]).toBe("0");
    // the register's own XLSX, 上年结转 row included (received in 2025), uploaded again: recognised, not refused
    const exported = await exportRegister(beipo, organId, 2026, t.db);
    if (!exported.ok) throw new Error("export");
    const { rows, headerRow } = await readRegisterUpload("台账.xlsx", new Uint8Array(exported.bytes));
    const again = checkRegisterImport(rows, guessMapping(rows[0] ?? []), 2026, headerRow, await registeredKeys(organId, 2026, t.db));
    expect(again).toMatchObject({ ok: false, problems: [], duplicates: 1 });
    expect(again.message).toContain("都已在台账中");
  });

  it("fills table 四 from cases, a co-defendant 复议机关 not counted", async () => {
    expect((await addDisclosureCase(beipo, organId, 2025, { kind: "review", result: "upheld", coDefendantOnly: false, note: "" }, t.db)).ok).toBe(true);
    expect((await addDisclosureCase(beipo, organId, 2025, { kind: "after", result: "pending", coDefendantOnly: true, note: "" }, t.db)).ok).toBe(true);
    const report = await getReport(beipo, reportId, t.db);
    expect(report!.content.cells[t4CellId("review", "upheld")]).toBe("1");
    expect(report!.content.cells[t4CellId("after", "pending")]).toBe("0");
  });

  it("names every cell where typed figures differ once table 三 is switched to typed", async () => {
    await setTableSource(beipo, organId, 2025, "t3", "typed", t.db);
    const r = await t.db.report.findUniqueOrThrow({ where: { id: reportId } });
    const content = JSON.parse(r.content) as { cells: Record<string, string> };
    content.cells[t3CellId("new", "natural")] = "9";
    const state = await reportRegisterState(organId, 2025, content, t.db);
    expect(state.t3Source).toBe("typed");
    expect(state.differences.map((d) => d.name)).toEqual(["表三「一、本年新收政府信息公开申请数量」自然人"]);
  });

  it("imports a 台账: a bad row is named and nothing is stored; a good file is stored on confirmation", async () => {
    const header = ["序号", "收到日期", "申请方式", "申请人类别", "申请人", "申请内容", "答复日期", "处理结果"];
    const bad = [header, ["1", "2025-04-01", "当面", "自然人", "王五", "a", "2025-04-10", "予以公开"], ["2", "2025/4/31", "邮寄", "公司", "", "b", "", ""]];
    const mapping = ["", "receivedAt", "method", "applicantType", "applicantName", "content", "repliedAt", "result"];
    const before = await t.db.application.count({ where: { organId, year: 2025 } });
    const check = await confirmRegisterImport(beipo, organId, 2025, { name: "台账.xlsx", rows: bad, mapping, headerRow: 1 }, t.db);
    expect(check.ok).toBe(false);
    // every bad cell of the row at once: the unknown 申请人类别 and the date that does not exist
    expect(check.problems.map((p) => `${p.row}|${p.column}`)).toEqual(["3|申请人类别（第 D 列）", "3|收到日期（第 B 列）"]);
    const check2 = checkRegisterImport([header, ["2", "2025/4/31", "邮寄", "自然人", "", "b", "", ""]], mapping, 2025, 1);
    expect(check2.problems[0]).toMatchObject({ row: 2, column: "收到日期（第 B 列）" });
    expect(await t.db.application.count({ where: { organId, year: 2025 } })).toBe(before);
    const good = await confirmRegisterImport(beipo, organId, 2025, { name: "台账.xlsx", rows: bad.slice(0, 2), mapping, headerRow: 1 }, t.db);
    expect(good.ok).toBe(true);
    expect(await t.db.application.count({ where: { organId, year: 2025 } })).toBe(before + 1);
    // the same file again (e.g. the register's own export uploaded back): nothing to import, said so
    const again = await confirmRegisterImport(beipo, organId, 2025, { name: "台账.xlsx", rows: bad.slice(0, 2), mapping, headerRow: 1 }, t.db);
    expect(again).toMatchObject({ ok: false, count: 0, duplicates: 1, message: expect.stringContaining("都已在台账中") });
    expect(await t.db.application.count({ where: { organId, year: 2025 } })).toBe(before + 1);
    // a file with one new row beside it: only the new one
    const more = [...bad.slice(0, 2), ["3", "2025-05-06", "邮寄", "自然人", "赵六", "c", "", ""]];
    const mixed = await confirmRegisterImport(beipo, organId, 2025, { name: "台账.xlsx", rows: more, mapping, headerRow: 1 }, t.db);
    expect(mixed).toMatchObject({ ok: true, count: 1, duplicates: 1, message: "已导入 1 件申请。1 件已在台账中，未重复导入。" });
    expect(await t.db.application.count({ where: { organId, year: 2025 } })).toBe(before + 2);
  });
});

describe.each(TEST_PROVIDERS)("a report created after its register on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  }, 120_000);
  afterAll(async () => t?.cleanup());
  it("starts with table 三 from the register", async () => {
    const clerk = await actor(t.db, "hekou");
    const r1 = await createApplication(clerk, clerk.organId!, 2023, app({ receivedAt: "2023-06-01", repliedAt: "2023-06-20", result: "deny4", applicantType: "nonprofit" }), t.db);
    expect(r1.ok).toBe(true);
    const created = await createReport(clerk, { year: 2023 }, t.db);
    if (!created.ok) throw new Error(created.message);
    expect(created.version).toBe(1);
    const report = await getReport(clerk, created.reportId, t.db);
    expect(report!.content.cells[t3CellId("deny4", "nonprofit")]).toBe("1");
    expect(report!.content.cells[t3CellId("new", "nonprofit")]).toBe("1");
  });
});

describe.each(TEST_PROVIDERS)("a register changed while its report is under review, on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  }, 120_000);
  afterAll(async () => t?.cleanup());
  it("the report does not follow while submitted; returned, it cannot go up again with the old figures; the clerk's sync (as opening it does) brings them in", async () => {
    const clerk = await actor(t.db, "hekou");
    const reviewer = await actor(t.db, "shencha");
    const organ = clerk.organId!;
    expect((await createApplication(clerk, organ, 2024, app({ receivedAt: "2024-03-01", repliedAt: "2024-03-15", result: "open" }), t.db)).ok).toBe(true);
    const created = await createReport(clerk, { year: 2024 }, t.db);
    if (!created.ok) throw new Error(created.message);
    const filled = (await getReport(clerk, created.reportId, t.db))!;
    // the text and the other tables written; table 三 as the register gave it
    const content = completeContent("示范县河口乡人民政府", 2024);
    for (const k of Object.keys(content.cells)) if (k.startsWith("t3.")) content.cells[k] = filled.content.cells[k] ?? "";
    const saved = await replaceReportContent(clerk, { reportId: created.reportId, baseVersion: filled.version, content }, t.db);
    if (!saved.ok) throw new Error(saved.message);
    const first = await submitReport(clerk, { reportId: created.reportId, baseVersion: saved.version }, t.db);
    expect(first.ok ? "" : first.message).toBe("");

    // registered while the report is under review: the report stays as submitted
    expect((await createApplication(clerk, organ, 2024, app({ receivedAt: "2024-05-06", applicantType: "legal", repliedAt: "2024-05-20", result: "open" }), t.db)).ok).toBe(true);
    expect((await getReport(clerk, created.reportId, t.db))!.content.cells[t3CellId("new", "legal")]).toBe("0");
    expect(await returnReport(reviewer, { reportId: created.reportId, comment: "请核对。" }, t.db)).toMatchObject({ ok: true });

    const version = async () => (await getReport(clerk, created.reportId, t.db))!.version;
    const refused = await submitReport(clerk, { reportId: created.reportId, baseVersion: await version() }, t.db);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("台账在报告提交后有变动") });
    expect(!refused.ok && refused.message).toContain("个单元格");
    const synced = await syncReportFromRegister(clerk, organ, 2024, t.db);
    expect(synced.written).toBeGreaterThan(0);
    const after = (await getReport(clerk, created.reportId, t.db))!;
    expect(after.content.cells[t3CellId("new", "legal")]).toBe("1");
    expect(after.content.cells[t3CellId("open", "legal")]).toBe("1");
    expect(await submitReport(clerk, { reportId: created.reportId, baseVersion: after.version }, t.db)).toMatchObject({ ok: true });
  });
});

describe.each(TEST_PROVIDERS)("an admin-entered holiday on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  }, 120_000);
  afterAll(async () => t?.cleanup());
  it("moves the due dates and wins over the package; a bad date is named", async () => {
    const clerk = await actor(t.db, "qingshan");
    const admin = await actor(t.db, "admin");
    const r = await createApplication(clerk, clerk.organId!, 2024, app({ receivedAt: "2024-11-04" }), t.db);
    expect(r.ok && r.entry.deadline.due).toBe("2024-12-02");
    expect((await setHolidayOverride(clerk, { date: "2024-11-05", kind: "holiday", name: "" }, t.db)).ok).toBe(false);
    const bad = await setHolidayOverride(admin, { date: "2024-13-05", kind: "holiday", name: "" }, t.db);
    expect(bad.message).toContain("「日期」不是有效日期");
    expect((await setHolidayOverride(admin, { date: "2024-11-05", kind: "holiday", name: "测试" }, t.db)).ok).toBe(true);
    const page = await getRegister(clerk, clerk.organId!, 2024, t.db);
    expect(page!.entries[0]!.deadline.due).toBe("2024-12-03");
  });

  it("says what a setting replaced, and claims agreement with the package only for a year the package knows", async () => {
    const admin = await actor(t.db, "admin");
    // 2024 is in the package: 10月1日 is a holiday there
    expect((await setHolidayOverride(admin, { date: "2024-10-01", kind: "holiday", name: "国庆节" }, t.db)).message).toBe("已设置 2024-10-01 为放假（与节假日数据包一致）。");
    // a year it does not know (2099): a Friday set as 调休上班 changes nothing, and is questioned; set again, the old setting is named
    expect((await setHolidayOverride(admin, { date: "2099-10-02", kind: "holiday", name: "国庆节" }, t.db)).message).toBe("已设置 2099-10-02 为放假。");
    expect((await setHolidayOverride(admin, { date: "2099-10-02", kind: "workday", name: "" }, t.db)).message).toBe(
      "已设置 2099-10-02 为调休上班（替换了原来的设置“放假 国庆节”；该日本是工作日（周一至周五），设为调休上班不改变计时，请核对是否应为放假）。",
    );
  });
});
