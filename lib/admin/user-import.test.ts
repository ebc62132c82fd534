import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { csvRows } from "./organ-import";
import { readImportFile } from "./organ-import-file";
import { PASSWORD_ALPHABET, generatePassword, lookupsOf, planUserImport, readUserTable, roleOfLabel, type ExistingUserOrgan, type UserImportPlan } from "./user-import";
import {
  MAX_USER_IMPORT_ROWS,
  passwordsCsv,
  passwordsFileName,
  userFileProblem,
  userImportTemplate,
} from "./user-import-columns";

const HEADER = "用户名,姓名,角色,所属机关,初始密码";
const CITY = "示范市人民政府";
const COUNTY = "示范县人民政府";
const TOWN = "示范县城关镇人民政府";

/** The demo city, county, a township and a department within the admin's subtree; a closed township; a neighbouring county outside it. */
const ORGANS = new Map<string, ExistingUserOrgan>(
  (
    [
      [CITY, "city", "CITY", true, true],
      [COUNTY, "county", "COUNTY", true, true],
      [TOWN, "chengguan", "TOWNSHIP", true, true],
      ["示范市财政局", "caizheng", "DEPARTMENT", true, true],
      ["示范县旧乡人民政府", "old", "TOWNSHIP", false, true],
      ["邻县人民政府", "linxian", "COUNTY", true, false],
    ] as const
  ).map(([fullName, id, kind, active, inScope]) => [fullName, { id, fullName, kind, active, inScope }]),
);

function plan(csv: string, opts: { adminOrganId?: string | null; taken?: string[] } = {}): UserImportPlan {
  const read = readUserTable(csvRows(csv));
  if (!read.table) return { users: [], problems: read.problems };
  // the planner is given only the organs and usernames the file names, as the service looks them up
  const { organNames, usernames } = lookupsOf(read.table);
  const organs = new Map([...ORGANS].filter(([name]) => organNames.includes(name)));
  const taken = new Set((opts.taken ?? ["chengguan", "admin"]).filter((u) => usernames.includes(u)));
  return planUserImport(read.table, { organs, taken, adminOrganId: opts.adminOrganId === undefined ? "city" : opts.adminOrganId });
}

const lines = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";

describe("reading the file", () => {
  it("finds the header by label in any order, below a title row, and reads the rows by it", () => {
    const read = readUserTable(csvRows(["2025年新增账号", "初始密码,所属机关, 角色 ,姓名,*用户名", `,${TOWN},填报人,王五,wangwu`, "", ",,,,"].join("\n")));
    expect(read.problems).toEqual([]);
    expect(read.table).toEqual({ headerRow: 2, rows: [{ row: 3, username: "wangwu", displayName: "王五", role: "填报人", organ: TOWN, password: "" }] });
  });

  it("names a missing header, a missing or doubled column, an empty file and a file over the limit", () => {
    expect(readUserTable(csvRows("a,b\n1,2")).problems[0]?.message).toBe(
      "没有找到表头行：文件的第一行应为列名 「用户名」「姓名」「角色」「所属机关」「初始密码」（可选）。可下载模板对照。",
    );
    expect(readUserTable(csvRows("用户名,姓名,角色,姓名\nx,y,填报人,z")).problems).toEqual([
      { row: 1, column: "姓名", message: "表头中「姓名」出现了两次（第 2 列和第 4 列），请删去一列" },
      { row: 1, column: "所属机关", message: "表头缺少「所属机关」列" },
    ]);
    // 初始密码 may be left out
    expect(readUserTable(csvRows(`用户名,姓名,角色,所属机关\nwangwu,王五,填报人,${TOWN}`)).problems).toEqual([]);
    expect(readUserTable(csvRows(HEADER + "\n,,,,\n")).problems[0]?.message).toBe("文件中没有账号：表头以下都是空行");
    const many = lines(...Array.from({ length: MAX_USER_IMPORT_ROWS + 1 }, (_, i) => `u${i},某${i},填报人,${TOWN},`));
    expect(readUserTable(csvRows(many)).problems).toEqual([
      { row: MAX_USER_IMPORT_ROWS + 2, column: null, message: `文件超过 ${MAX_USER_IMPORT_ROWS} 个账号（第 ${MAX_USER_IMPORT_ROWS + 2} 行是第 ${MAX_USER_IMPORT_ROWS + 1} 个），请分成几个文件导入` },
    ]);
  });

  it("reads an XLSX and refuses other files by name and size", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("账号");
    ws.addRow(["用户名", "姓名", "角色", "所属机关", "初始密码"]);
    ws.addRow(["zhaoliu", "赵六", "审核人", COUNTY, 12345678]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readImportFile("账号.xlsx", bytes, { maxRows: MAX_USER_IMPORT_ROWS, fileProblem: userFileProblem });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(readUserTable(read.rows).table?.rows).toEqual([{ row: 2, username: "zhaoliu", displayName: "赵六", role: "审核人", organ: COUNTY, password: "12345678" }]);
    expect(userFileProblem("账号.xls", 10)).toContain("旧版 Excel");
    expect(userFileProblem("账号.txt", 10)).toBe("只能导入 CSV 或 XLSX 文件");
    expect(userFileProblem("账号.csv", 2 * 1024 * 1024)).toContain(`每个文件最多 ${MAX_USER_IMPORT_ROWS} 个账号`);
  });

  it("knows the roles by label or code", () => {
    expect(roleOfLabel("填报人")).toBe("CLERK");
    expect(roleOfLabel(" 审核人 ")).toBe("SUPERVISOR");
    expect(roleOfLabel("管理员")).toBe("ADMIN");
    expect(roleOfLabel("clerk")).toBe("CLERK");
    expect(roleOfLabel("科员")).toBeNull();
  });

  it("has a template with the header and two example rows that pass the planner but for their organs", () => {
    const { header, rows } = userImportTemplate();
    expect(header.join(",")).toBe(HEADER);
    expect(rows).toHaveLength(2);
    const p = plan(lines(...rows.map((r) => r.join(","))));
    expect(p.problems.map((x) => x.column)).toEqual(["所属机关", "所属机关"]);
  });
});

describe("the plan", () => {
  it("plans a clean file in file order: usernames in lower case, roles and organs resolved, blank passwords to be generated", () => {
    const p = plan(lines(`WangWu,王五,填报人,${TOWN},`, `zhaoliu,赵六,审核人,${COUNTY},secret-123`, `qianqi,钱七,管理员,${CITY},`, `sunba,孙八,填报人,示范市财政局,`));
    expect(p.problems).toEqual([]);
    expect(p.users).toEqual([
      { row: 2, username: "wangwu", displayName: "王五", role: "CLERK", organId: "chengguan", organName: TOWN, password: null },
      { row: 3, username: "zhaoliu", displayName: "赵六", role: "SUPERVISOR", organId: "county", organName: COUNTY, password: "secret-123" },
      { row: 4, username: "qianqi", displayName: "钱七", role: "ADMIN", organId: "city", organName: CITY, password: null },
      { row: 5, username: "sunba", displayName: "孙八", role: "CLERK", organId: "caizheng", organName: "示范市财政局", password: null },
    ]);
  });

  it("names every problem by row and column with the single-account form's messages, and plans nothing", () => {
    const p = plan(
      lines(
        `a,甲,填报人,${TOWN},`, // username too short
        `chengguan,乙,填报人,${TOWN},`, // taken
        `wangwu,丙,填报人,${TOWN},`,
        `WANGWU,丁,填报人,${TOWN},`, // repeated (case does not matter)
        `zhouyi,,科员,${TOWN},short`, // no name, unknown role, short password
        `wuer,吴二,填报人,示范县不存在镇人民政府,`, // organ not found
        `zhengsan,郑三,填报人,邻县人民政府,`, // outside the subtree
        `wangsi,王四,填报人,示范县旧乡人民政府,`, // deactivated
        `fengwu,冯五,审核人,示范市财政局,`, // a supervisor at a department
        `chenliu,陈六,填报人,,`, // organ missing
        `weiqi,卫七,,${TOWN},`, // role missing
        `jiangba,蒋八,管理员,,`, // an admin with an organ must give one
      ),
    );
    expect(p.users).toEqual([]);
    expect(p.problems).toEqual([
      { row: 2, column: "用户名", message: "用户名须为 2 至 32 位小写字母、数字或 _ . -，以字母或数字开头" },
      { row: 3, column: "用户名", message: "用户名“chengguan”已被使用" },
      { row: 5, column: "用户名", message: "与第 4 行的用户名“wangwu”重复" },
      { row: 6, column: "姓名", message: "请填写姓名" },
      { row: 6, column: "角色", message: "「科员」不是角色，应为以下之一：填报人、审核人、管理员" },
      { row: 6, column: "初始密码", message: "密码至少 8 位" },
      { row: 7, column: "所属机关", message: "所属机关“示范县不存在镇人民政府”不存在：请填写已有机关的全称" },
      { row: 8, column: "所属机关", message: "所属机关“邻县人民政府”不在您的管理范围内（您只能管理本机关及下级机关的账号）" },
      { row: 9, column: "所属机关", message: "“示范县旧乡人民政府”已停用，不能再为它设置账号" },
      { row: 10, column: "所属机关", message: "审核人须属于人民政府（其政务公开主管部门），审核其下级机关的报告" },
      { row: 11, column: "所属机关", message: "填报人和审核人须选择所属机关" },
      { row: 12, column: "角色", message: "请选择角色（填报人、审核人或管理员）" },
      { row: 13, column: "所属机关", message: "请填写所属机关（您只能管理本机关及下级机关的账号）" },
    ]);
  });

  it("lets the installation's admin (no organ) create an admin without an organ", () => {
    expect(plan(lines("jiangba,蒋八,管理员,,"), { adminOrganId: null })).toMatchObject({ problems: [], users: [{ role: "ADMIN", organId: null, organName: "" }] });
  });

  it("looks up only what the file names", () => {
    const read = readUserTable(csvRows(lines(`WangWu,王五,填报人,${TOWN},`, `wangwu,王五,填报人,${COUNTY},`, ",无名,填报人,,")));
    expect(read.table && lookupsOf(read.table)).toEqual({ organNames: [TOWN, COUNTY], usernames: ["wangwu"] });
  });
});

describe("generated passwords and the passwords file", () => {
  it("generates readable passwords: 12 characters without 0 O o 1 l I, with upper, lower and digit, all different", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[2-9]/);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
    expect(PASSWORD_ALPHABET).not.toMatch(/[0Oo1lI]/);
    expect(generatePassword().length).toBeGreaterThanOrEqual(10);
  });

  it("writes the passwords as a CSV Excel opens (BOM, CRLF, quoted where needed)", () => {
    const csv = passwordsCsv([
      { username: "wangwu", displayName: "王五", organ: TOWN, password: "Ab3defGhJk2m", generated: true },
      { username: "zhaoliu", displayName: "赵六", organ: COUNTY, password: 'a,b"c12345', generated: false },
    ]);
    expect(csv).toBe(`\uFEFF用户名,姓名,所属机关,初始密码\r\nwangwu,王五,${TOWN},Ab3defGhJk2m\r\nzhaoliu,赵六,${COUNTY},"a,b""c12345"\r\n`);
    expect(passwordsFileName("新账号.xlsx")).toBe("新账号-初始密码.csv");
  });
});
