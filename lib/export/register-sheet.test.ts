import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { EMPTY_INPUT } from "@/lib/register/model";
import { MAX_IMPORT_ROWS, uploadShapeProblem } from "@/lib/register";
import { readRegisterUpload, registerXlsx } from "./register-sheet";

describe("the register as a spreadsheet", () => {
  it("round-trips: our export is read back with its header found below the title", async () => {
    const entry = { seq: 1, carried: false, due: "2025-04-14", input: { ...EMPTY_INPUT, receivedAt: "2025-03-03", applicantName: "张三", content: "规划", repliedAt: "2025-03-20", result: "deny4" } };
    const bytes = await registerXlsx("北坡乡2025年度政府信息公开申请台账", [entry], true);
    const { rows, headerRow } = await readRegisterUpload("台账.xlsx", new Uint8Array(bytes));
    expect(headerRow).toBe(2);
    expect(rows[0]).toContain("收到日期");
    const row = rows[1]!;
    expect(row[rows[0]!.indexOf("申请人")]).toBe("张三");
    expect(row[rows[0]!.indexOf("处理结果")]).toBe("（三）不予公开4.保护第三方合法权益");
    const without = await registerXlsx("台账", [entry], false);
    const back = await readRegisterUpload("x.xlsx", new Uint8Array(without));
    expect(back.rows[0]).not.toContain("申请人");
    expect(JSON.stringify(back.rows)).not.toContain("张三");
  });
  it("reads dates typed as Excel dates, and CSV in UTF-8 or GB18030", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["收到日期", "申请方式", "申请内容"]);
    ws.addRow([new Date(Date.UTC(2025, 2, 9)), "当面", "甲"]);
    const x = await readRegisterUpload("a.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(x.rows[1]![0]).toBe("2025-03-09");
    const csv = await readRegisterUpload("a.csv", new TextEncoder().encode("收到日期,申请方式,申请内容\n2025-03-09,邮寄,乙\n"));
    expect(csv.rows).toEqual([
      ["收到日期", "申请方式", "申请内容"],
      ["2025-03-09", "邮寄", "乙"],
    ]);
    // 收到日期 in GB18030: CA D5 B5 BD C8 D5 C6 DA
    const gb = Uint8Array.from([0xca, 0xd5, 0xb5, 0xbd, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0x32, 0x2c, 0x33, 0x0a]);
    const g = await readRegisterUpload("gb.csv", gb);
    expect(g.rows[0]![0]).toBe("收到日期");
  });

  it("a file longer than the limit is refused as such, never cut short; empty rows at its end do not count; too wide is named", async () => {
    const header = "收到日期,申请方式,申请内容";
    const line = (i: number) => `2025-03-09,邮寄,申请${i}`;
    const csv = (n: number, trailing = 0) =>
      new TextEncoder().encode([header, ...Array.from({ length: n }, (_, i) => line(i)), ...Array.from({ length: trailing }, () => ",,")].join("\n") + "\n");
    const exact = await readRegisterUpload("a.csv", csv(MAX_IMPORT_ROWS, 30));
    expect(exact.rows).toHaveLength(MAX_IMPORT_ROWS + 1);
    expect(uploadShapeProblem(exact.rows, exact.headerRow)).toBeNull();
    const long = await readRegisterUpload("a.csv", csv(MAX_IMPORT_ROWS + 100));
    expect(uploadShapeProblem(long.rows, long.headerRow)).toBe(`台账超过 ${MAX_IMPORT_ROWS} 行（表头以下），请分成几个文件分批导入。`);
    // the XLSX path too, with the header further down
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    for (let i = 0; i < 30; i++) ws.addRow([`说明${i}`]);
    ws.addRow(header.split(","));
    for (let i = 0; i < MAX_IMPORT_ROWS + 5; i++) ws.addRow(line(i).split(","));
    const x = await readRegisterUpload("a.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(x.headerRow).toBe(31);
    expect(uploadShapeProblem(x.rows, x.headerRow)).toContain(`台账超过 ${MAX_IMPORT_ROWS} 行`);
    // one value far to the right: the row and column named
    const wide = [["收到日期", "申请方式", "申请内容"], ["2025-03-09", "邮寄", "甲", ...Array.from({ length: 206 }, () => ""), "备注"]];
    expect(uploadShapeProblem(wide, 4)).toBe("第 5 行有 210 列（第 210 列仍有内容），台账最多 200 列：请删除多余的列后重新上传。");
    expect(uploadShapeProblem([["收到日期", "申请方式", "申请内容"], ["2025-03-09", "邮寄", "长".repeat(5001)]], 1)).toBe("第 2 行第 3 列超过 5000 字，请删减后重新上传。");
  });
});
