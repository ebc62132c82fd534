// Demo content: 张良镇 (a fourth township of the demo county), its clerk, and its real 2023 report
// (lib/demo/zhangliang-2023) taken through the real services as the clerk and the county's reviewer
// would — created, filled, submitted, approved and published — so a first start shows a published
// report on the public portal, a history with a snapshot, an audit trail, and a previous year for
// the clerk's next report to carry over from.
//
// The services import "server-only": scripts that load this file run node with
// --conditions=react-server (see scripts/start.mjs, scripts/e2e-server.mjs and package.json).
import { zhangliangContent } from "../lib/demo/zhangliang-2023";
import { demoOrganContent } from "../lib/demo/township";
import { defaultReportYear } from "../lib/labels";
import type { Db } from "../lib/server/db-core";
import { isRole } from "../lib/server/permissions";
import { approveReport } from "../lib/server/services/approve-report";
import { createReport } from "../lib/server/services/create-report";
import { publishReport } from "../lib/server/services/publish-report";
import { replaceReportContent } from "../lib/server/services/save-report";
import { submitReport } from "../lib/server/services/submit-report";
import type { Actor } from "../lib/server/types";
import { demoRegister } from "../lib/demo/register";
import { createApplication, updateApplication } from "../lib/server/services/register-save";
import { carryOverRegister } from "../lib/server/services/register-carry";
import { addDisclosureCase } from "../lib/server/services/register-cases";
import { getRegister } from "../lib/server/services/register-list";
import { createOrgansAndAccounts, type AccountSpec, type OrganSpec } from "./seed";

export const DEMO_CONTENT = {
  organ: { fullName: "示范县张良镇人民政府", shortName: "张良镇", kind: "TOWNSHIP", parent: "county", sortOrder: 4 } satisfies OrganSpec,
  clerk: { username: "zhangliang", displayName: "张良镇填报员", role: "CLERK", organ: "zhangliang" } satisfies AccountSpec,
  reviewer: "shencha",
  year: 2023,
  signDate: "2024年1月19日",
} as const;

async function actor(db: Db, username: string): Promise<Actor> {
  const u = await db.user.findUnique({ where: { username }, select: { id: true, role: true, organId: true } });
  if (!u || !isRole(u.role)) throw new Error(`demo account ${username} missing`);
  return { id: u.id, role: u.role, organId: u.organId };
}

const fail = (step: string, r: { message: string }) => new Error(`demo report: ${step} failed: ${r.message}`);

/** The second county (东山县) of the demo city, its four townships and the city's 财政局, with their accounts. */
export const LEVEL_DEMO = {
  /** the year being reported now (China time), so that a fresh demo's dashboards open on it */
  year: defaultReportYear(),
  organs: {
    dongshanxian: { fullName: "东山县人民政府", shortName: "东山县", kind: "COUNTY", parent: "city", sortOrder: 2 },
    dongshan: { fullName: "东山县东山镇人民政府", shortName: "东山镇", kind: "TOWNSHIP", parent: "dongshanxian", sortOrder: 1 },
    xiling: { fullName: "东山县西岭乡人民政府", shortName: "西岭乡", kind: "TOWNSHIP", parent: "dongshanxian", sortOrder: 2 },
    nanhu: { fullName: "东山县南湖镇人民政府", shortName: "南湖镇", kind: "TOWNSHIP", parent: "dongshanxian", sortOrder: 3 },
    beipo: { fullName: "东山县北坡乡人民政府", shortName: "北坡乡", kind: "TOWNSHIP", parent: "dongshanxian", sortOrder: 4 },
    caizheng: { fullName: "示范市财政局", shortName: "市财政局", kind: "DEPARTMENT", parent: "city", sortOrder: 5 },
  } satisfies Record<string, OrganSpec>,
  accounts: [
    { username: "dongshan", displayName: "东山镇填报员", role: "CLERK", organ: "dongshan" },
    { username: "xiling", displayName: "西岭乡填报员", role: "CLERK", organ: "xiling" },
    { username: "nanhu", displayName: "南湖镇填报员", role: "CLERK", organ: "nanhu" },
    { username: "beipo", displayName: "北坡乡填报员", role: "CLERK", organ: "beipo" },
    { username: "dsshencha", displayName: "东山县政务公开办审核员", role: "SUPERVISOR", organ: "dongshanxian" },
    { username: "dsban", displayName: "东山县政府办公室填报员（本级、汇总）", role: "CLERK", organ: "dongshanxian" },
    { username: "caizheng", displayName: "市财政局填报员", role: "CLERK", organ: "caizheng" },
  ] satisfies AccountSpec[],
};

/**
 * The reporting chain at every stage for LEVEL_DEMO.year: 东山镇 published, 西岭乡 approved, 南湖镇
 * submitted, 北坡乡 a draft with open errors, 市财政局 approved by the city, and 东山县's 汇总 report
 * prefilled from the two final township reports — all through the real services.
 */
async function seedLevelDemo(db: Db): Promise<void> {
  await createOrgansAndAccounts(db, LEVEL_DEMO.organs, LEVEL_DEMO.accounts);
  const year = LEVEL_DEMO.year;
  const county = await actor(db, "dsshencha");
  const city = await actor(db, "shishencha");
  const steps: { clerk: string; reviewer: Actor; until: "draft" | "submit" | "approve" | "publish"; n: number }[] = [
    { clerk: "dongshan", reviewer: county, until: "publish", n: 1 },
    { clerk: "xiling", reviewer: county, until: "approve", n: 2 },
    { clerk: "nanhu", reviewer: county, until: "submit", n: 3 },
    { clerk: "beipo", reviewer: county, until: "draft", n: 4 },
    { clerk: "caizheng", reviewer: city, until: "approve", n: 5 },
  ];
  for (const step of steps) {
    const clerk = await actor(db, step.clerk);
    // the register (台账) first, while the report does not exist yet: its table 三 is the demo report's
    if (step.until !== "draft") await seedDemoRegister(db, clerk, year, step.n);
    const created = await createReport(clerk, { year }, db);
    if (!created.ok) {
      if (created.code === "DUPLICATE") continue;
      throw fail("create", created);
    }
    const organ = await db.organ.findUniqueOrThrow({ where: { id: clerk.organId! }, select: { fullName: true } });
    const content = demoOrganContent(organ.fullName, year, step.n, { address: "东山县人民路1号", phone: `0371-6000000${step.n}` });
    if (step.until === "draft") {
      // unfinished: table 三 not filled in yet
      for (const id of Object.keys(content.cells)) if (id.startsWith("t3.")) content.cells[id] = "";
    }
    const saved = await replaceReportContent(clerk, { reportId: created.reportId, baseVersion: created.version, content }, db);
    if (!saved.ok) throw fail("save", saved);
    if (step.until === "draft") continue;
    const submitted = await submitReport(clerk, { reportId: created.reportId, baseVersion: saved.version }, db);
    if (!submitted.ok) throw fail("submit", submitted);
    if (step.until === "submit") continue;
    const approved = await approveReport(step.reviewer, { reportId: created.reportId }, db);
    if (!approved.ok) throw fail("approve", approved);
    if (step.until === "approve") continue;
    const published = await publishReport(step.reviewer, { reportId: created.reportId }, db);
    if (!published.ok) throw fail("publish", published);
  }
  const office = await actor(db, "dsban");
  const rollup = await createReport(office, { year, kind: "ROLLUP" }, db);
  if (!rollup.ok && rollup.code !== "DUPLICATE") throw fail("create 汇总", rollup);
}

/** The organ's demo register (lib/demo/register.ts) through the register services, unless it has one. */
async function seedDemoRegister(db: Db, clerk: Actor, year: number, n: number): Promise<void> {
  const organId = clerk.organId!;
  if (await db.application.count({ where: { organId, year: { in: [year - 1, year] } } })) return;
  const demo = demoRegister(year, n);
  const must = <T extends { ok: boolean }>(r: T, what: string): T => {
    if (!r.ok) throw new Error(`demo register ${what}: ${JSON.stringify(r)}`);
    return r;
  };
  if (demo.lastYear) {
    must(await createApplication(clerk, organId, year - 1, demo.lastYear, db), "last year");
    must(await carryOverRegister(clerk, organId, year - 1, db), "carry over");
    const carried = await db.application.findFirstOrThrow({ where: { organId, year, carriedFromId: { not: null } } });
    const view = await getRegister(clerk, organId, year, db);
    const entry = view!.entries.find((e) => e.id === carried.id)!;
    must(await updateApplication(clerk, carried.id, carried.version, { ...entry.input, ...demo.carriedClose! }, db), "close carried");
  }
  for (const input of demo.entries) must(await createApplication(clerk, organId, year, input, db), "entry");
  // a case where the organ is sued only as the 复议机关: listed, counted for the original organ only
  if (n === 5) must(await addDisclosureCase(clerk, organId, year, { kind: "after", result: "pending", coDefendantOnly: true, note: "作为复议机关共同被告" }, db), "case");
}

/** Creates 张良镇 and its clerk, and publishes its 2023 report, unless that report exists. Returns its id. */
export async function seedDemoContent(db: Db): Promise<string> {
  await seedLevelDemo(db);
  await createOrgansAndAccounts(db, { zhangliang: DEMO_CONTENT.organ }, [DEMO_CONTENT.clerk]);
  const clerk = await actor(db, DEMO_CONTENT.clerk.username);
  const reviewer = await actor(db, DEMO_CONTENT.reviewer);

  const created = await createReport(clerk, { year: DEMO_CONTENT.year }, db);
  if (!created.ok) {
    if (created.code === "DUPLICATE" && created.reportId) return created.reportId;
    throw fail("create", created);
  }
  const { reportId } = created;
  const base = zhangliangContent(DEMO_CONTENT.organ.fullName);
  // the sample's text carries no 成文日期; a published report has one
  const content = { ...base, header: { ...base.header, signDate: DEMO_CONTENT.signDate } };
  const saved = await replaceReportContent(clerk, { reportId, baseVersion: created.version, content }, db);
  if (!saved.ok) throw fail("save", saved);
  const submitted = await submitReport(clerk, { reportId, baseVersion: saved.version }, db);
  if (!submitted.ok) throw fail("submit", submitted);
  const approved = await approveReport(reviewer, { reportId }, db);
  if (!approved.ok) throw fail("approve", approved);
  const published = await publishReport(reviewer, { reportId }, db);
  if (!published.ok) throw fail("publish", published);
  return reportId;
}
