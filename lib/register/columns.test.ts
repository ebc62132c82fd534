import { describe, expect, it } from "vitest";
import { IMPORT_FIELDS, guessMapping, parseApplicantType, parseCsv, parseMethod, parseResult, readImportRows, registerImportTemplate } from "./columns";
import { EMPTY_INPUT, validateApplication } from "./model";

describe("reading a 台账", () => {
  it("guesses the mapping from the header once per field", () => {
    expect(guessMapping(["序号", "收到日期", "申请方式", "申请人类型", "姓名", "联系电话", "申请公开内容", "办结日期", "答复结果", "备注", "电话"])).toEqual([
      "",
      "receivedAt",
      "method",
      "applicantType",
      "applicantName",
      "contact",
      "content",
      "repliedAt",
      "result",
      "note",
      "",
    ]);
  });
  it("reads results, methods and applicant types as clerks write them", () => {
    expect(parseResult("予以公开")).toBe("open");
    expect(parseResult("（二）部分公开")).toBe("partial");
    expect(parseResult("(三)不予公开4.保护第三方合法权益")).toBe("deny4");
    expect(parseResult("保护第三方合法权益")).toBe("deny4");
    expect(parseResult("1.本机关不掌握相关政府信息")).toBe("unable1");
    expect(parseResult("（九）其他")).toBeNull();
    expect(parseResult("")).toBe("");
    expect(parseMethod("网上申请")).toBe("online");
    expect(parseMethod("挂号信")).toBe("mail");
    expect(parseMethod("飞鸽")).toBeNull();
    expect(parseApplicantType("法人或其他组织·商业企业")).toBe("commercial");
    expect(parseApplicantType("公民")).toBe("natural");
    expect(parseApplicantType("公司")).toBeNull();
  });
  it("names the row and column of every bad cell, as the file has them", () => {
    const rows = [
      ["收到日期", "申请人类别", "处理结果", "答复日期"],
      ["2025-02-03", "自然人", "予以公开", "2025-02-10"],
      ["", "", "", ""],
      ["2025/2/30", "自然人", "", ""],
      ["2025-03-01", "公司", "（九）", "2025-03-02"],
    ];
    const { entries, problems } = readImportRows(rows, ["receivedAt", "applicantType", "result", "repliedAt"], 2025, 3);
    expect(entries.map((e) => e.row)).toEqual([4]);
    expect(problems).toEqual([
      { row: 6, column: "收到日期（第 A 列）", message: "「收到日期」2025-02-30 不是有效日期（2025年2月没有30日）" },
      { row: 7, column: "申请人类别（第 B 列）", message: "「公司」不是表三的申请人类别（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）" },
      { row: 7, column: "处理结果（第 C 列）", message: "「（九）」不是表三的办理结果行（应为（一）至（六）中的一项）" },
    ]);
  });
  it("lists every bad cell of a row at once: an unreadable value does not hide a bad date beside it", () => {
    const rows = [
      ["收到日期", "申请人类别", "处理结果", "答复日期"],
      ["2025-13-01", "法人", "予以公开", "2025-02-10"],
      ["2025-02-31", "自然人", "（九）", "2025-03-02"],
    ];
    const { entries, problems } = readImportRows(rows, ["receivedAt", "applicantType", "result", "repliedAt"], 2025, 1);
    expect(entries).toEqual([]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "申请人类别（第 B 列）"],
      [2, "收到日期（第 A 列）"],
      [3, "处理结果（第 C 列）"],
      [3, "收到日期（第 A 列）"],
    ]);
    expect(problems[1]!.message).toContain("2025-13-01 不是有效日期");
  });
  it("reads its own template: every column found by its label, the example row imported as it is", () => {
    const { header, rows } = registerImportTemplate(2026);
    const mapping = guessMapping(header);
    expect(mapping).toEqual(IMPORT_FIELDS.map((f) => f.field));
    const { entries, problems } = readImportRows([header, ...rows], mapping, 2026, 1, "2026-12-31");
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.input).toMatchObject({ receivedAt: "2026-03-09", method: "online", applicantType: "natural", result: "open", repliedAt: "2026-03-30" });
  });
  it("guesses the headers registers often use for the content and the dates", () => {
    expect(guessMapping(["申请时间", "申请事项", "答复时间", "处理情况"])).toEqual(["receivedAt", "content", "repliedAt", "result"]);
  });
  it("parses CSV with quotes, commas and a BOM", () => {
    expect(parseCsv('\uFEFF收到日期,申请内容\r\n2025-01-02,"甲,乙 ""丙"""\r\n')).toEqual([
      ["收到日期", "申请内容"],
      ["2025-01-02", '甲,乙 "丙"'],
    ]);
  });
});

describe("validateApplication: what clerks type", () => {
  const base = { ...EMPTY_INPUT, receivedAt: "2026-03-02", method: "online", applicantType: "natural", content: "x" };
  const messages = (input: Partial<typeof base>, today?: string) =>
    validateApplication({ ...base, ...input }, { year: 2026, carried: false, ...(today ? { today } : {}) }).errors.map((e) => `${e.field}: ${e.message}`);
  it("full-width digits in 延期工作日数 are read, as in the dates", () => {
    expect(messages({ extensionDays: "１０", extensionApprovedAt: "２０２６－０３－２０" })).toEqual([]);
    expect(validateApplication({ ...base, extensionDays: " １０ " }, { year: 2026, carried: false }).input.extensionDays).toBe("10");
  });
  it("a day that does not exist is named as such (the format was right)", () => {
    expect(messages({ receivedAt: "2026-02-29" })).toEqual(["receivedAt: 「收到日期」2026-02-29 不是有效日期（2026年2月没有29日）"]);
    expect(messages({ receivedAt: "2026-13-01" })).toEqual(["receivedAt: 「收到日期」2026-13-01 不是有效日期（没有13月）"]);
  });
  it("received or answered after today: refused, naming today", () => {
    expect(messages({ receivedAt: "2026-12-25" }, "2026-12-07")).toEqual(["receivedAt: 「收到日期」2026-12-25 晚于今天（2026-12-07），请核对年份和日期"]);
    expect(messages({ repliedAt: "2026-12-08", result: "open" }, "2026-12-07")).toEqual(["repliedAt: 「答复日期」2026-12-08 晚于今天（2026-12-07），请核对年份和日期"]);
    expect(messages({ receivedAt: "2026-12-07" }, "2026-12-07")).toEqual([]);
  });
});
