// Issue 6: import last year's report (PDF/DOCX/TXT) — prepare (nothing stored), confirm (store as a
// read-only IMPORT and/or start the next year from it), replacement only with confirmation and never of a
// submitted report, scoping, and the imported carry-over feeding X1 of the next year.
import { readFileSync } from "node:fs";
import { countOpenFindings } from "@/lib/server/services/finding-counts";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_CELLS, T3_INPUT_COLUMNS, TEXT_FIELDS, emptyContent, t2CellId, t3CellId, type ReportContent } from "@/lib/template";
import { validateReport } from "@/lib/report";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { getPreviousYearReport, getReport } from "@/lib/server/services/get-report";
import { listReports } from "@/lib/server/services/list-reports";
import { getPublishedReport, listPublishedReports } from "@/lib/server/services/public-reports";
import { confirmImport, prepareImport, type ConfirmImportInput, type ImportPreview } from "@/lib/server/services/import-report";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor } from "./fixtures";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const ZL_PDF = "zhangliang-town-2023.tab.pdf";

// A fixed "now": mid-2024, so the expected import year is 2023 and years up to 2024 (+1 for the next) are allowed.
const NOW = new Date("2024-06-01T04:00:00Z");

describe.each(TEST_PROVIDERS)("import services on %s", (provider) => {
  let t: TestDb;
  let hekou: Actor, qingshan: Actor, chengguan: Actor, shencha: Actor, admin: Actor;

  const prepare = async (user: Actor, file = ZL_PDF, bytes = fixture(file)): Promise<ImportPreview> => {
    const r = await prepareImport(user, { bytes, fileName: file }, t.db, NOW);
    if (!r.ok) throw new Error(r.message);
    return r.preview;
  };
  const input = (p: ImportPreview, over: Partial<ConfirmImportInput> = {}): ConfirmImportInput => ({
    token: p.token,
    year: p.year ?? 2023,
    organName: p.organName ?? "",
    cells: {},
    storeImport: true,
    startNext: true,
    ackOrgan: true,
    ...over,
  });
  const organOf = async (u: Actor) => t.db.organ.findUniqueOrThrow({ where: { id: u.organId! } });
  const reportOf = (u: Actor, year: number) => t.db.report.findFirst({ where: { organId: u.organId!, year } });

  beforeAll(async () => {
    t = await createTestDb(provider);
    [hekou, qingshan, chengguan, shencha, admin] = (await Promise.all(
      ["hekou", "qingshan", "chengguan", "shencha", "admin"].map((u) => actor(t.db, u)),
    )) as [Actor, Actor, Actor, Actor, Actor];
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  describe("prepare: the review, nothing stored", () => {
    it("reads the zhangliang PDF: format, year, organ, cells, notes, a token; writes nothing", async () => {
      const before = await t.db.report.count();
      const p = await prepare(hekou);
      expect(p.format).toBe("2021");
      expect(p.year).toBe(2023);
      expect(p.organName).toBe("鲁山县张良镇");
      expect(p.content.cells[t2CellId("permit", "decisions")]).toBe("17");
      expect(p.content.sourceTotals?.["t4.direct.total"]).toBe("3");
      expect(p.organ.fullName).toBe("示范县河口乡人民政府");
      expect(p.expectedYear).toBe(2023);
      expect(p.years).toEqual({ min: 2020, max: 2024, archiveMax: 2023 });
      expect(p.token.length).toBeGreaterThan(100);
      // T4 (cases while no applications) is among the findings of the result
      expect(validateReport(p.content, { year: 2023, organKind: "TOWNSHIP" }).map((f) => f.rule)).toContain("T4");
      expect(await t.db.report.count()).toBe(before);
    });

    it("bad input: a clear Chinese message each time, nothing stored", async () => {
      const before = await t.db.report.count();
      const cases: [string, Uint8Array, string, RegExp][] = [
        ["encrypted.pdf", fixture("encrypted.pdf"), "encrypted", /密码/],
        ["scanned.pdf", fixture("scanned.pdf"), "scanned", /扫描件/],
        ["not-a-report.pdf", fixture("not-a-report.pdf"), "not-a-report", /不是政府信息公开工作年度报告/],
        ["broken.pdf", new TextEncoder().encode("%PDF-1.7\n garbage garbage"), "corrupt", /损坏/],
        ["big.pdf", new Uint8Array(10 * 1024 * 1024 + 1), "too-large", /文件过大/],
        ["empty.txt", new Uint8Array(0), "empty", /空的/],
      ];
      for (const [name, bytes, code, message] of cases) {
        const r = await prepareImport(hekou, { bytes, fileName: name }, t.db, NOW);
        expect(r.ok, name).toBe(false);
        if (r.ok) continue;
        expect(r.code, name).toBe(code);
        expect(r.message, name).toMatch(message);
      }
      expect(await t.db.report.count()).toBe(before);
    });

    it("only clerks with an organ may import", async () => {
      for (const u of [shencha, admin]) {
        const r = await prepareImport(u, { bytes: fixture(ZL_PDF), fileName: ZL_PDF }, t.db, NOW);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.code).toBe("FORBIDDEN");
      }
    });
  });

  describe("confirm", () => {
    it("another organ's file needs the acknowledgement; nothing stored without it", async () => {
      const p = await prepare(hekou);
      const r = await confirmImport(hekou, input(p, { ackOrgan: false }), t.db, NOW);
      expect(r).toMatchObject({ ok: false, code: "NEEDS_ACK" });
      if (!r.ok) expect(r.message).toContain("鲁山县张良镇");
      expect(await reportOf(hekou, 2023)).toBeNull();
    });

    it("an unexpected year needs the acknowledgement", async () => {
      const p = await prepare(hekou);
      const r = await confirmImport(hekou, input(p, { year: 2022 }), t.db, NOW);
      expect(r).toMatchObject({ ok: false, code: "NEEDS_ACK" });
      if (!r.ok) expect(r.message).toMatch(/2022.*2023/);
      const out = await confirmImport(hekou, input(p, { year: 2025 }), t.db, NOW);
      expect(out).toMatchObject({ ok: false, code: "INVALID_YEAR" });
      expect(await t.db.report.count({ where: { organId: hekou.organId! } })).toBe(0);
    });

    it("stores the file as the 2023 import (read-only, PUBLISHED) and starts 2024 from it", async () => {
      const p = await prepare(hekou);
      const r = await confirmImport(hekou, input(p), t.db, NOW);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const imported = await t.db.report.findUniqueOrThrow({ where: { id: r.importedReportId! } });
      expect(imported).toMatchObject({ year: 2023, status: "PUBLISHED", source: "IMPORT", importedFrom: ZL_PDF, version: 1 });
      const ic = JSON.parse(imported.content) as ReportContent;
      expect(ic.cells[t2CellId("permit", "decisions")]).toBe("17");
      expect(ic.sourceTotals?.["t4.direct.total"]).toBe("3");
      // the file prints no opening paragraph: stored without one, not with the template's empty 地址/电话
      expect(ic.header.opening).toBe("");

      const next = await t.db.report.findUniqueOrThrow({ where: { id: r.newReportId! } });
      expect(next).toMatchObject({ year: 2024, status: "DRAFT", source: "EDITOR", importedFrom: null });
      const nc = JSON.parse(next.content) as ReportContent;
      const organ = await organOf(hekou);
      expect(nc.header.organName).toBe(organ.fullName);
      expect(nc.header.opening).toBe(emptyContent(organ.fullName, 2024).header.opening);
      expect(nc.header.signDate).toBe("");
      for (const f of TEXT_FIELDS) expect(nc.text[f.id], f.id).toBe(ic.text[f.id]);
      for (const c of T3_INPUT_COLUMNS) expect(nc.cells[t3CellId("carried", c.id)]).toBe(ic.cells[t3CellId("carryover", c.id)]);
      const carried = new Set(T3_INPUT_COLUMNS.map((c) => t3CellId("carried", c.id)));
      for (const c of INPUT_CELLS) if (!carried.has(c.id)) expect(nc.cells[c.id], c.id).toBe("");
      expect(nc.fee.charged).toBeNull();

      const events = await t.db.reportEvent.findMany({ where: { reportId: { in: [imported.id, next.id] } }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.action).sort()).toEqual(["report.create", "report.import"]);
      expect(JSON.parse(events.find((e) => e.action === "report.import")!.detail)).toMatchObject({ fileName: ZL_PDF, year: 2023 });

      // the list shows it as imported, with the file name
      const list = await listReports(hekou, {}, t.db);
      expect(list.find((x) => x.year === 2023)).toMatchObject({ source: "IMPORT", importedFrom: ZL_PDF });
      expect(list.find((x) => x.year === 2024)).toMatchObject({ source: "EDITOR", status: "DRAFT" });

      // published elsewhere, never reviewed here: the public portal does not republish it
      expect(await getPublishedReport(imported.id, t.db)).toBeNull();
      expect((await listPublishedReports({}, t.db)).reports.some((x) => x.id === imported.id)).toBe(false);
    });

    it("the imported report is read-only, and it is the previous year of 2024: X1 fires against its carry-over", async () => {
      const imported = (await reportOf(hekou, 2023))!;
      const next = (await reportOf(hekou, 2024))!;
      const r = await replaceReportContent(hekou, { reportId: imported.id, baseVersion: imported.version, content: JSON.parse(imported.content) }, t.db);
      expect(r).toMatchObject({ ok: false, code: "READ_ONLY" });
      // even as a DRAFT (should a status ever be changed by hand) an IMPORT is not editable
      await t.db.report.update({ where: { id: imported.id }, data: { status: "DRAFT" } });
      const r2 = await replaceReportContent(hekou, { reportId: imported.id, baseVersion: imported.version, content: JSON.parse(imported.content) }, t.db);
      expect(r2).toMatchObject({ ok: false, code: "READ_ONLY" });
      await t.db.report.update({ where: { id: imported.id }, data: { status: "PUBLISHED" } });

      const prev = await getPreviousYearReport(hekou, next.organId, 2024, t.db);
      expect(prev?.id).toBe(imported.id);
      const detail = (await getReport(hekou, next.id, t.db))!;
      const content: ReportContent = { ...detail.content, cells: { ...detail.content.cells, [t3CellId("carried", "natural")]: "1" } };
      const x1 = validateReport(content, { year: 2024, organKind: "TOWNSHIP", previous: prev }).filter((f) => f.rule === "X1");
      expect(x1).toHaveLength(1);
      expect(x1[0]!.cells).toEqual([t3CellId("carried", "natural")]);
      // the stored count follows: one more error after the save
      const saved = await replaceReportContent(hekou, { reportId: next.id, baseVersion: detail.version, content }, t.db);
      expect(saved.ok).toBe(true);
      const ctx = { year: 2024, organKind: "TOWNSHIP" as const, previous: prev };
      const without = countOpenFindings(detail.content, ctx).errorCount;
      const row = (await reportOf(hekou, 2024))!;
      expect(row.errorCount).toBe(countOpenFindings(content, ctx).errorCount);
      expect(row.errorCount).toBeGreaterThanOrEqual(without + 1);
    });

    it("replaces an existing report only with confirmation, and only a DRAFT or an IMPORT", async () => {
      const imported = (await reportOf(hekou, 2023))!;
      const next = (await reportOf(hekou, 2024))!;
      const p = await prepare(hekou);
      const r = await confirmImport(hekou, input(p), t.db, NOW);
      expect(r).toMatchObject({ ok: false, code: "NEEDS_CONFIRM" });
      if (!r.ok) expect(r.message).toContain("已导入过");
      const r2 = await confirmImport(hekou, input(p, { replaceImport: true }), t.db, NOW);
      expect(r2).toMatchObject({ ok: false, code: "NEEDS_CONFIRM" }); // 2024 is a draft: needs its own confirmation
      if (!r2.ok) expect(r2.message).toContain("草稿");
      expect((await reportOf(hekou, 2023))!.version).toBe(imported.version);

      // confirmed: both replaced in place (same ids, version + 1)
      const r3 = await confirmImport(hekou, input(p, { replaceImport: true, replaceNext: true }), t.db, NOW);
      expect(r3).toMatchObject({ ok: true, importedReportId: imported.id, newReportId: next.id });
      expect((await reportOf(hekou, 2023))!.version).toBe(imported.version + 1);
      const after = (await reportOf(hekou, 2024))!;
      expect(after.version).toBe(next.version + 1);
      expect((JSON.parse(after.content) as ReportContent).cells[t3CellId("carried", "natural")]).toBe("0");

      // a submitted report is never replaced, confirmation or not; nothing else is written either
      await t.db.report.update({ where: { id: next.id }, data: { status: "SUBMITTED" } });
      const p2 = await prepare(hekou);
      const r4 = await confirmImport(hekou, input(p2, { replaceImport: true, replaceNext: true }), t.db, NOW);
      expect(r4).toMatchObject({ ok: false, code: "LOCKED" });
      if (!r4.ok) expect(r4.message).toContain("不能被导入的内容替换");
      // the year being written (2024 in June 2024) is never stored as an archive: it goes through review
      const r5 = await confirmImport(hekou, input(p2, { year: 2024, ackYear: true, replaceImport: true, startNext: false }), t.db, NOW);
      expect(r5).toMatchObject({ ok: false, code: "INVALID_YEAR" });
      if (!r5.ok) expect(r5.message).toContain("2024年度的报告须在本系统中填写，经审核后发布，不能以导入的文件直接存档为已发布的报告（可存档 2023 年度及以前的报告）");
      expect((await reportOf(hekou, 2023))!.version).toBe(imported.version + 1);
      expect((await reportOf(hekou, 2024))!.status).toBe("SUBMITTED");
      // nor a draft of it, which an archive would have turned into a published report no reviewer saw
      await t.db.report.update({ where: { id: next.id }, data: { status: "DRAFT" } });
      const r6 = await confirmImport(hekou, input(p2, { year: 2024, ackYear: true, replaceImport: true, startNext: false }), t.db, NOW);
      expect(r6).toMatchObject({ ok: false, code: "INVALID_YEAR" });
      expect((await reportOf(hekou, 2024))!).toMatchObject({ status: "DRAFT", source: "EDITOR" });
      // an earlier year's draft written in nianbao is not replaced by an archive either (only an import is)
      const draft2022 = await createReport(hekou, { year: 2022 }, t.db);
      if (!draft2022.ok) throw new Error(draft2022.message);
      const r7 = await confirmImport(hekou, input(p2, { year: 2022, ackYear: true, replaceImport: true, startNext: false }), t.db, NOW);
      expect(r7).toMatchObject({ ok: false, code: "LOCKED" });
      if (!r7.ok) expect(r7.message).toContain("在本系统中填写的报告须经审核后发布，不能被导入的文件存档替换");
      expect((await reportOf(hekou, 2022))!).toMatchObject({ status: "DRAFT", source: "EDITOR" });
      await t.db.report.delete({ where: { id: draft2022.reportId } });
    });

    it("only the flagged cells can be corrected; corrections are stored", async () => {
      // taole: three unlabeled rows of table 三 are uncertain cells
      const p = await prepare(chengguan, "taole-town-2023.tab.pdf");
      expect(p.correctable).toContain(t3CellId("deny6", "natural"));
      const bad = await confirmImport(chengguan, input(p, { startNext: false, cells: { [t2CellId("permit", "decisions")]: "5" } }), t.db, NOW);
      expect(bad).toMatchObject({ ok: false, code: "INVALID" });
      const ok = await confirmImport(chengguan, input(p, { startNext: false, cells: { [t3CellId("deny6", "natural")]: "２" } }), t.db, NOW);
      expect(ok.ok).toBe(true);
      const row = (await reportOf(chengguan, 2023))!;
      expect((JSON.parse(row.content) as ReportContent).cells[t3CellId("deny6", "natural")]).toBe("2");
      // the fee sentence became the structured statement (taole: 未收取)
      expect((JSON.parse(row.content) as ReportContent).fee.charged).toBe(false);
    });

    it("importing last year refreshes the stored counts of this year's report (X1 now applies)", async () => {
      const created = await createReport(qingshan, { year: 2024 }, t.db);
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      const d = (await getReport(qingshan, created.reportId, t.db))!;
      const content: ReportContent = { ...d.content, cells: { ...d.content.cells, [t3CellId("carried", "natural")]: "1" } };
      expect((await replaceReportContent(qingshan, { reportId: d.id, baseVersion: d.version, content }, t.db)).ok).toBe(true);
      const before = (await reportOf(qingshan, 2024))!.errorCount;
      const p = await prepare(qingshan);
      const r = await confirmImport(qingshan, input(p, { startNext: false }), t.db, NOW);
      expect(r.ok).toBe(true);
      expect((await reportOf(qingshan, 2024))!.errorCount).toBe(before + 1);
    });
  });

  describe("a government's 汇总 and 本级 reports (issue 11)", () => {
    // A county government's 汇总 report of 2022 as a TXT: the opening says it was 汇总…编制而成.
    const county2022 = () => {
      const text = readFileSync(path.join(FIXTURES, "corpus/dianjiang-town-2022/source.txt"), "utf8").replace(
        "结合工作实际,编制本报告。",
        "由示范县人民政府办公室汇总本县各有关单位政府信息公开工作情况编制而成。",
      );
      return new Uint8Array(Buffer.from(text, "utf8"));
    };
    const FILE = "shifan-county-2022.txt";

    it("a county clerk imports its 2022 汇总 report: suggested as 汇总, stored as the ROLLUP import; 2023 starts as a linked 汇总 draft", async () => {
      const xianban = await actor(t.db, "xianban");
      const p = await prepare(xianban, FILE, county2022());
      expect(p.reportKind).toBe("ROLLUP");
      expect(p.year).toBe(2022);
      const r = await confirmImport(xianban, input(p, { reportKind: "ROLLUP", ackYear: true }), t.db, NOW);
      expect(r).toMatchObject({ ok: true });
      if (!r.ok) return;
      expect(r.message).toContain("2022年度汇总报告");
      const imported = await t.db.report.findUniqueOrThrow({ where: { id: r.importedReportId! } });
      expect(imported).toMatchObject({ year: 2022, kind: "ROLLUP", status: "PUBLISHED", source: "IMPORT", rollupBasis: null });
      const next = await t.db.report.findUniqueOrThrow({ where: { id: r.newReportId! } });
      expect(next).toMatchObject({ year: 2023, kind: "ROLLUP", status: "DRAFT", source: "EDITOR" });
      expect(next.rollupBasis).not.toBeNull();
      const ic = JSON.parse(imported.content) as ReportContent;
      const nc = JSON.parse(next.content) as ReportContent;
      // the text carries over; the opening is the 汇总 opening of 2023, signed by the area (示范县)
      for (const f of TEXT_FIELDS) expect(nc.text[f.id], f.id).toBe(ic.text[f.id]);
      expect(nc.header.organName).toBe("示范县");
      expect(nc.header.opening).toContain("汇总示范县各有关单位");
      expect(nc.header.opening).toContain("2023年1月1日");
      // the tables are the roll-up of 2023, not last year's file
      const { getRollup } = await import("@/lib/server/services/rollup");
      const rollup = await getRollup(xianban, { organId: xianban.organId!, year: 2023 }, t.db);
      expect(rollup.ok).toBe(true);
      if (rollup.ok) for (const [id, v] of Object.entries(rollup.view.cells)) expect(nc.cells[id], id).toBe(v);
      // the county's 本级 report of 2022 is another report: still free
      expect(await t.db.report.findFirst({ where: { organId: xianban.organId!, year: 2022, kind: "ORGAN" } })).toBeNull();
      const events = await t.db.reportEvent.findMany({ where: { reportId: imported.id } });
      expect(JSON.parse(events[0]!.detail ?? "{}")).toMatchObject({ reportKind: "ROLLUP" });

      // the same file again as 汇总: the 2022 import is replaceable (with confirmation), the 2023 draft too
      const again = await prepare(xianban, FILE, county2022());
      const refused = await confirmImport(xianban, input(again, { reportKind: "ROLLUP", ackYear: true }), t.db, NOW);
      expect(refused).toMatchObject({ ok: false, code: "NEEDS_CONFIRM" });
      if (!refused.ok) expect(refused.message).toContain("示范县人民政府2022年度汇总报告已导入过");
      // and as the 本级 report it goes to the ORGAN report of 2022, leaving the 汇总 reports alone
      const benji = await confirmImport(xianban, input(again, { reportKind: "ORGAN", ackYear: true, startNext: false }), t.db, NOW);
      expect(benji).toMatchObject({ ok: true });
      if (benji.ok) expect(benji.message).toContain("2022年度本级报告");
      expect(await t.db.report.count({ where: { organId: xianban.organId!, year: 2022 } })).toBe(2);
    });

    it("a township has no 汇总 report: ROLLUP is refused and nothing is stored", async () => {
      const before = await t.db.report.count();
      const p = await prepare(chengguan, FILE, county2022());
      expect(p.reportKind).toBe("ORGAN");
      const r = await confirmImport(chengguan, input(p, { reportKind: "ROLLUP", ackYear: true }), t.db, NOW);
      expect(r).toMatchObject({ ok: false, code: "INVALID_KIND" });
      expect(await t.db.report.count()).toBe(before);
    });
  });

  describe("the token", () => {
    it("a tampered, foreign or expired token is refused; the organ is always the user's own", async () => {
      const p = await prepare(hekou);
      const [body, sig] = p.token.split(".");
      // change one character of the signed body (always a different one)
      const mid = Math.floor(body!.length / 2);
      const tampered = `${body!.slice(0, mid)}${body![mid] === "A" ? "B" : "A"}${body!.slice(mid + 1)}.${sig}`;
      expect(await confirmImport(hekou, input(p, { token: tampered, replaceImport: true, replaceNext: true }), t.db, NOW)).toMatchObject({
        ok: false,
        code: "INVALID",
      });
      // qingshan cannot use hekou's upload: nothing lands in either organ
      const qBefore = await t.db.report.count({ where: { organId: qingshan.organId! } });
      const foreign = await confirmImport(qingshan, input(p, { replaceImport: true, replaceNext: true }), t.db, NOW);
      expect(foreign).toMatchObject({ ok: false, code: "INVALID" });
      expect(await t.db.report.count({ where: { organId: qingshan.organId! } })).toBe(qBefore);
      // a supervisor cannot confirm at all
      expect(await confirmImport(shencha, input(p), t.db, NOW)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      const later = new Date(NOW.getTime() + 5 * 60 * 60 * 1000);
      expect(await confirmImport(hekou, input(p, { replaceImport: true, replaceNext: true }), t.db, later)).toMatchObject({
        ok: false,
        code: "EXPIRED",
      });
      // hekou's imports are invisible to another organ's clerk
      const list = await listReports(qingshan, {}, t.db);
      expect(list.every((x) => x.organId === qingshan.organId)).toBe(true);
    });
  });

  describe("last year's report decides a run the cells cannot cut (issue 13)", () => {
    // 桃江县松木塘镇's 2022 page copied flat, its 行政规范性文件 row as 「1012」: 1、0、12 or 10、1、2.
    const flat = readFileSync(path.join(FIXTURES, "corpus/taojiang-songmutang-town-2022/flat.txt"), "utf8").replace(
      "行政规范性文件202",
      "行政规范性文件1012",
    );
    const bytes = new TextEncoder().encode(flat);
    const valid = t2CellId("normative", "valid");

    it("the clerk's own 2021 report (现行有效 11) decides 1、0、12; without it the cells stay flagged", async () => {
      const without = await prepare(hekou, "taojiang.txt", bytes);
      expect(without.year).toBe(2022);
      expect(without.content.cells[valid]).toBe("");
      expect(without.notes.some((n) => n.kind === "ambiguous-decoding" && n.cells?.includes(valid))).toBe(true);

      const created = await createReport(chengguan, { year: 2021 }, t.db);
      if (!created.ok) throw new Error(created.message);
      const d = (await getReport(chengguan, created.reportId, t.db))!;
      const content: ReportContent = { ...d.content, cells: { ...d.content.cells, [valid]: "11" } };
      expect((await replaceReportContent(chengguan, { reportId: d.id, baseVersion: d.version, content }, t.db)).ok).toBe(true);

      const p = await prepare(chengguan, "taojiang.txt", bytes);
      expect(["issued", "repealed", "valid"].map((c) => p.content.cells[t2CellId("normative", c)])).toEqual(["1", "0", "12"]);
      expect(p.notes.some((n) => n.kind === "ambiguous-decoding")).toBe(false);
      expect(p.notes.find((n) => n.cells?.includes(valid))?.message).toContain("上年（2021年）报告");
    });
  });
});
