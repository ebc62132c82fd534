import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { csvRows, decodeCsvBytes, kindOfLabel, namesIn, planOrganImport, readOrganTable, type ExistingOrgan, type OrganImportPlan } from "./organ-import";
import { MAX_ORGAN_IMPORT_BYTES, MAX_ORGAN_IMPORT_ROWS, organFileProblem, organImportTemplate } from "./organ-import-columns";
import { readOrganImportFile } from "./organ-import-file";

const HEADER = "机关全称,机关简称,机关类型,上级机关,排序";
const CITY = "示范市人民政府";
const COUNTY = "示范县人民政府";

/** The demo city and county, within the admin's subtree; a neighbouring county outside it. */
const EXISTING = new Map<string, ExistingOrgan>([
  [CITY, { id: "city", kind: "CITY", parentFullName: null, inScope: true }],
  [COUNTY, { id: "county", kind: "COUNTY", parentFullName: CITY, inScope: true }],
  ["示范县城关镇人民政府", { id: "chengguan", kind: "TOWNSHIP", parentFullName: COUNTY, inScope: true }],
  ["邻县人民政府", { id: "linxian", kind: "COUNTY", parentFullName: null, inScope: false }],
]);

function plan(csv: string, opts: { adminOrganId?: string | null; existing?: Map<string, ExistingOrgan> } = {}): OrganImportPlan {
  const read = readOrganTable(csvRows(csv));
  if (!read.table) return { organs: [], skipped: [], problems: read.problems };
  const existing = opts.existing ?? EXISTING;
  // the planner is given only the organs the file names, as the service looks them up
  const named = new Map([...existing].filter(([name]) => namesIn(read.table).includes(name)));
  return planOrganImport(read.table, { existing: named, adminOrganId: opts.adminOrganId === undefined ? "city" : opts.adminOrganId });
}

const lines = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

/**
 * GBK bytes of `text` (Node has no GBK encoder): each character's two bytes found by decoding the
 * two-byte code space once.
 */
function gbk(text: string): Uint8Array {
  const dec = new TextDecoder("gbk");
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

describe("reading the file", () => {
  it("decodes UTF-8 with and without BOM, UTF-16 with BOM, and GBK as Excel in China saves CSV", () => {
    const text = lines("示范县教育局,教育局,政府部门,示范县人民政府,1");
    const utf8 = new TextEncoder().encode(text);
    expect(decodeCsvBytes(utf8)).toEqual({ text, encoding: "UTF-8" });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: "UTF-8" });
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeCsvBytes(utf16)).toEqual({ text, encoding: "UTF-16" });
    const g = gbk(text);
    expect(g.length).toBeLessThan(utf8.length); // two bytes per character, not three
    expect(decodeCsvBytes(g)).toEqual({ text, encoding: "GBK" });
  });

  it("reads a GBK CSV end to end into the same plan as its UTF-8 twin", async () => {
    const text = lines("示范县教育局,教育局,政府部门,示范县人民政府,1", "示范县石桥乡人民政府,石桥乡,乡镇（街道）,示范县人民政府,2");
    const a = await readOrganImportFile("机关.csv", gbk(text));
    const b = await readOrganImportFile("机关.CSV", new TextEncoder().encode("\uFEFF" + text));
    expect(a).toMatchObject({ ok: true, format: "CSV", encoding: "GBK" });
    expect(b).toMatchObject({ ok: true, format: "CSV", encoding: "UTF-8" });
    if (!a.ok || !b.ok) return;
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[1]).toEqual(["示范县教育局", "教育局", "政府部门", "示范县人民政府", "1"]);
  });

  it("reads the first sheet of an XLSX with the sheet's row numbers (blank rows counted), numbers as text", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("机关");
    ws.getRow(1).values = ["上级机关", "机关全称", "机关类型", "机关简称"];
    ws.getRow(2).values = [COUNTY, "示范县教育局", "政府部门", "教育局"];
    ws.getRow(4).values = [COUNTY, "示范县卫生健康委员会", "政府部门", "卫健委"];
    ws.getCell("E1").value = "排序";
    ws.getCell("E4").value = 7;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readOrganImportFile("机关.xlsx", bytes);
    expect(read).toMatchObject({ ok: true, format: "XLSX" });
    if (!read.ok) return;
    expect(read.rows[3]).toEqual([COUNTY, "示范县卫生健康委员会", "政府部门", "卫健委", "7"]);
    const t = readOrganTable(read.rows);
    expect(t.table?.rows.map((r) => [r.row, r.fullName, r.sortOrder])).toEqual([
      [2, "示范县教育局", ""],
      [4, "示范县卫生健康委员会", "7"],
    ]);
  });

  it("refuses what is not a CSV or XLSX, too large or empty, in Chinese", async () => {
    expect(await readOrganImportFile("机关.txt", new TextEncoder().encode(HEADER))).toEqual({ ok: false, message: "只能导入 CSV 或 XLSX 文件" });
    expect(await readOrganImportFile("机关.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]))).toEqual({
      ok: false,
      message: "旧版 Excel（.xls）文件不能导入：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后重新上传",
    });
    // an old workbook renamed to .csv is still one
    expect((await readOrganImportFile("机关.csv", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]))).ok).toBe(false);
    expect(await readOrganImportFile("机关.xlsx", new TextEncoder().encode(HEADER))).toEqual({
      ok: false,
      message: "该文件不是有效的 XLSX 文件（可能已损坏，或只是改了扩展名）",
    });
    expect(await readOrganImportFile("机关.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toMatchObject({ ok: false, message: expect.stringContaining("无法读取该 XLSX 文件") });
    expect(await readOrganImportFile("机关.csv", new Uint8Array())).toEqual({ ok: false, message: "文件是空的" });
    expect(organFileProblem("机关.csv", MAX_ORGAN_IMPORT_BYTES + 1)).toBe("文件超过 4 MB，请分成几个文件导入（每个文件最多 10000 个机关）");
    expect(organFileProblem("机关.csv", MAX_ORGAN_IMPORT_BYTES)).toBeNull();
    // bytes that are neither UTF-8 nor GBK (a GBK lead byte before a space)
    expect(await readOrganImportFile("机关.csv", new Uint8Array([0x41, 0x2c, 0x81, 0x20]))).toMatchObject({ ok: false, message: expect.stringContaining("无法识别该 CSV 文件的编码") });
  });

  it("the template is the header by label and two example rows that plan cleanly once their city exists", () => {
    const t = organImportTemplate();
    expect(t.header).toEqual(["机关全称", "机关简称", "机关类型", "上级机关", "排序"]);
    expect(t.rows).toHaveLength(2);
    const csv = [t.header, ...t.rows].map((r) => r.join(",")).join("\n");
    // uploaded as is: its made-up city is not found
    expect(plan(csv).problems).toEqual([{ row: 2, column: "上级机关", message: "上级机关“××市人民政府”不存在：它既不是已有的机关，也不是本文件中的机关全称" }]);
    const withCity = new Map([...EXISTING, ["××市人民政府", { id: "x", kind: "CITY", parentFullName: null, inScope: true }]]);
    expect(plan(csv, { existing: withCity }).organs.map((o) => [o.fullName, o.kind])).toEqual([
      ["××县人民政府", "COUNTY"],
      ["××县教育局", "DEPARTMENT"],
    ]);
  });
});

describe("the header", () => {
  it("finds the columns by label in any order, ignoring spaces, 「*」 and （必填）, below a title row; 排序 may be left out", () => {
    const p = plan(["2024年机关名单,,,", " 机关类型 ,上级机关（必填）,*机关全称,机关简称", "政府部门,示范县人民政府,示范县财政局,财政局"].join("\n"));
    expect(p.problems).toEqual([]);
    expect(p.organs).toEqual([
      { row: 3, fullName: "示范县财政局", shortName: "财政局", kind: "DEPARTMENT", sortOrder: 0, parentId: "county", parentRow: null, parentName: COUNTY },
    ]);
  });

  it("names a missing or doubled column, and a file without a header", () => {
    expect(plan("机关全称,机关类型,上级机关\n示范县财政局,政府部门,示范县人民政府").problems).toEqual([
      { row: 1, column: "机关简称", message: "表头缺少「机关简称」列" },
    ]);
    expect(plan("机关全称,机关简称,机关类型,上级机关,机关全称\n").problems).toEqual([
      { row: 1, column: "机关全称", message: "表头中「机关全称」出现了两次（第 1 列和第 5 列），请删去一列" },
    ]);
    expect(plan("名称,简称\n示范县财政局,财政局").problems).toEqual([
      { row: null, column: null, message: "没有找到表头行：文件的第一行应为列名 「机关全称」「机关简称」「机关类型」「上级机关」「排序」（可选）。可下载模板对照。" },
    ]);
    expect(plan(`${HEADER}\n,,,,\n\n`).problems).toEqual([{ row: null, column: null, message: "文件中没有机关：表头以下都是空行" }]);
  });

  it("caps the rows at 10,000 organs, naming the row where the file goes over (blank lines not counted)", () => {
    const rows = Array.from({ length: MAX_ORGAN_IMPORT_ROWS + 1 }, (_, i) => `示范县第${i}局,第${i}局,政府部门,示范县人民政府,`);
    expect(plan(lines(...rows.slice(0, MAX_ORGAN_IMPORT_ROWS), "", "")).problems).toEqual([]);
    expect(plan(lines(...rows.slice(0, MAX_ORGAN_IMPORT_ROWS), "", rows[MAX_ORGAN_IMPORT_ROWS]!)).problems).toEqual([
      { row: 10003, column: null, message: "文件超过 10000 个机关（第 10003 行是第 10001 个），请分成几个文件导入：先导入上级机关，再导入下级机关" },
    ]);
  });
});

describe("the plan", () => {
  it("puts a parent defined later in the file before its children, keeping the file's order otherwise; blank lines and trailing spaces ignored", () => {
    const p = plan(
      lines(
        "示范县东岭乡人民政府 ,东岭乡,乡镇（街道）, 示范县新区管委会 ,3",
        "",
        "示范县教育局,教育局,政府部门,示范县人民政府,１０",
        "示范县新区管委会,新区,县级人民政府,示范市人民政府,",
        "示范县新区财政局,新区财政局,政府部门,示范县新区管委会,1",
      ),
    );
    expect(p.problems).toEqual([]);
    expect(p.organs.map((o) => [o.row, o.fullName, o.parentId, o.parentRow, o.sortOrder])).toEqual([
      [4, "示范县教育局", "county", null, 10], // full-width digits as typed with a Chinese input method
      [5, "示范县新区管委会", "city", null, 0],
      [2, "示范县东岭乡人民政府", null, 5, 3],
      [6, "示范县新区财政局", null, 5, 1],
    ]);
  });

  it("reads kinds by their labels verbatim, and with half-width brackets or spaces", () => {
    expect(kindOfLabel("省级人民政府")).toBe("PROVINCE");
    expect(kindOfLabel("地市级人民政府")).toBe("CITY");
    expect(kindOfLabel("县级人民政府")).toBe("COUNTY");
    expect(kindOfLabel("政府部门")).toBe("DEPARTMENT");
    expect(kindOfLabel("乡镇（街道）")).toBe("TOWNSHIP");
    expect(kindOfLabel("乡镇(街道)")).toBe("TOWNSHIP");
    expect(kindOfLabel(" 乡镇 （街道） ")).toBe("TOWNSHIP");
    // the short names a list of organs uses where they are unambiguous; not 县 or 市 (a department of that level?)
    expect(kindOfLabel("乡镇")).toBe("TOWNSHIP");
    expect(kindOfLabel("街道")).toBe("TOWNSHIP");
    expect(kindOfLabel("街道办事处")).toBe("TOWNSHIP");
    expect(kindOfLabel("部门")).toBe("DEPARTMENT");
    expect(kindOfLabel("县")).toBeNull();
    expect(kindOfLabel("市政府")).toBeNull();
    expect(kindOfLabel("TOWNSHIP")).toBeNull();
  });

  it("reports every field problem with its row, column and the form's message", () => {
    const p = plan(
      lines(
        ",教育局,政府部门,示范县人民政府,",
        "示范县某村,某村,村,示范县人民政府,",
        "示范县民政局,,,示范县人民政府,x",
        `${"长".repeat(61)},长,政府部门,示范县人民政府,10000`,
      ),
    );
    expect(p.organs).toEqual([]);
    expect(p.problems).toEqual([
      { row: 2, column: "机关全称", message: "请填写机关全称" },
      { row: 3, column: "机关类型", message: "「村」不是机关类型，应为以下之一：省级人民政府、地市级人民政府、县级人民政府、政府部门、乡镇（街道）" },
      { row: 4, column: "机关简称", message: "请填写机关简称" },
      { row: 4, column: "机关类型", message: "请填写机关类型（省级人民政府、地市级人民政府、县级人民政府、政府部门、乡镇（街道））" },
      { row: 4, column: "排序", message: "排序须为 0 至 9999 之间的整数" },
      { row: 5, column: "机关全称", message: "机关全称不能超过 60 个字" },
      { row: 5, column: "排序", message: "排序须为 0 至 9999 之间的整数" },
    ]);
  });

  it("refuses a full name twice in the file, or one that exists otherwise; an organ already there is skipped", () => {
    const p = plan(
      lines(
        "示范县城关镇人民政府,城关镇,乡镇（街道）,示范县人民政府,", // exactly the existing organ: skipped
        "示范县教育局,教育局,政府部门,示范县人民政府,",
        "示范县教育局,县教育局,政府部门,示范县人民政府,",
        "示范县人民政府,示范县,县级人民政府,,", // exists under the city
        "邻县人民政府,邻县,县级人民政府,,", // exists outside the admin's subtree
      ),
    );
    expect(p.skipped).toEqual([{ row: 2, fullName: "示范县城关镇人民政府" }]);
    expect(p.problems).toEqual([
      { row: 4, column: "机关全称", message: "与第 3 行的机关全称“示范县教育局”重复" },
      { row: 5, column: "机关全称", message: "机关全称“示范县人民政府”已存在，其上级机关为“示范市人民政府”，与本行不同（修改已有机关请在下方列表中点“编辑”）" },
      { row: 6, column: "机关全称", message: "机关全称“邻县人民政府”已存在（不在您的管理范围内）" },
    ]);
    // the same file without its problems: the skipped row stays skipped, and is a parent like any existing organ
    const fixed = plan(lines("示范县城关镇人民政府,城关镇,乡镇（街道）,示范县人民政府,", "示范县教育局,教育局,政府部门,示范县人民政府,"));
    expect(fixed.problems).toEqual([]);
    expect(fixed.skipped).toHaveLength(1);
    expect(fixed.organs.map((o) => o.fullName)).toEqual(["示范县教育局"]);
    expect(plan(lines("示范县城关镇人民政府,城关镇,政府部门,示范县人民政府,")).problems).toEqual([
      { row: 2, column: "机关全称", message: "机关全称“示范县城关镇人民政府”已存在，其机关类型为“乡镇（街道）”，与本行不同（修改已有机关请在下方列表中点“编辑”）" },
    ]);
  });

  it("checks each parent: found, within the admin's subtree, of a kind that may hold the row's, not itself", () => {
    const p = plan(
      lines(
        "示范县甲乡人民政府,甲乡,乡镇（街道）,示范县不存在局,",
        "邻县乙镇人民政府,乙镇,乡镇（街道）,邻县人民政府,",
        "示范县丙乡人民政府,丙乡,乡镇（街道）,示范县城关镇人民政府,",
        "示范县丁局,丁局,政府部门,示范县戊局,",
        "示范县戊局,戊局,政府部门,示范县人民政府,",
        "示范县己局,己局,政府部门,示范县己局,",
        "示范县庚乡人民政府,庚乡,乡镇（街道）,,",
        "某省人民政府,某省,省级人民政府,示范市人民政府,",
      ),
    );
    expect(p.problems).toEqual([
      { row: 2, column: "上级机关", message: "上级机关“示范县不存在局”不存在：它既不是已有的机关，也不是本文件中的机关全称" },
      { row: 3, column: "上级机关", message: "上级机关“邻县人民政府”不在您的管理范围内" },
      { row: 4, column: "上级机关", message: "乡镇（街道）的上级机关须为县级人民政府或地市级人民政府（“示范县城关镇人民政府”是乡镇（街道））" },
      { row: 5, column: "上级机关", message: "政府部门的上级机关须为省级人民政府或地市级人民政府或县级人民政府（“示范县戊局”在第 6 行是政府部门）" },
      { row: 7, column: "上级机关", message: "上级机关不能是本机关" },
      { row: 8, column: "上级机关", message: "乡镇（街道）须选择所属的人民政府作为上级机关" },
      { row: 9, column: "上级机关", message: "省级人民政府不设上级机关，请将“上级机关”留空" },
    ]);
  });

  it("leaves the top of the tree to the installation's admin", () => {
    const csv = lines("某省人民政府,某省,省级人民政府,,", "某省某市人民政府,某市,地市级人民政府,某省人民政府,");
    expect(plan(csv).problems).toEqual([{ row: 2, column: "上级机关", message: "请填写上级机关（您只能在本机关之下新建或移动机关）" }]);
    const top = plan(csv, { adminOrganId: null });
    expect(top.problems).toEqual([]);
    expect(top.organs.map((o) => [o.fullName, o.parentId, o.parentRow])).toEqual([
      ["某省人民政府", null, null],
      ["某省某市人民政府", null, 2],
    ]);
  });

  it("names a cycle of parents in the file, row by row", () => {
    const p = plan(
      lines(
        "甲县人民政府,甲县,县级人民政府,乙市人民政府,",
        "乙市人民政府,乙市,地市级人民政府,丙省人民政府,",
        "丙省人民政府,丙省,省级人民政府,甲县人民政府,",
        "示范县教育局,教育局,政府部门,示范县人民政府,",
      ),
    );
    const cycle = "上级机关形成循环：第 2 行“甲县人民政府” → 第 3 行“乙市人民政府” → 第 4 行“丙省人民政府” → 第 2 行“甲县人民政府”";
    expect(p.problems.filter((x) => x.message.startsWith("上级机关形成循环"))).toEqual([
      { row: 2, column: "上级机关", message: cycle },
      { row: 3, column: "上级机关", message: cycle },
      { row: 4, column: "上级机关", message: cycle },
    ]);
    // and a cycle of kinds that could nest (unknown kinds say nothing about the tree's shape)
    const two = plan(lines("甲,甲,某类,乙,", "乙,乙,某类,甲,"));
    expect(two.problems.filter((x) => x.column === "上级机关").map((x) => x.row)).toEqual([2, 3]);
    expect(two.organs).toEqual([]);
  });

  it("lists the names it needs looked up: each row's and each parent's", () => {
    const read = readOrganTable(csvRows(lines("示范县教育局,教育局,政府部门,示范县人民政府,", "示范县民政局,民政局,政府部门,示范县人民政府,")));
    expect(read.table && namesIn(read.table).sort()).toEqual(["示范县人民政府", "示范县教育局", "示范县民政局"].sort());
  });
});
