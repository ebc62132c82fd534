// Demo content: 张良镇 (a fourth township of the demo county), its clerk, and its real 2023 report
// (lib/demo/zhangliang-2023) taken through the real services as the clerk and the county's reviewer
// would — created, filled, submitted, approved and published — so a first start shows a published
// report on the public portal, a history with a snapshot, an audit trail, and a previous year for
// the clerk's next report to carry over from.
//
// The services import "server-only": scripts that load this file run node with
// --conditions=react-server (see scripts/start.mjs, scripts/e2e-server.mjs and package.json).
import { zhangliangContent } from "../lib/demo/zhangliang-2023";
import type { Db } from "../lib/server/db-core";
import { isRole } from "../lib/server/permissions";
import { approveReport } from "../lib/server/services/approve-report";
import { createReport } from "../lib/server/services/create-report";
import { publishReport } from "../lib/server/services/publish-report";
import { replaceReportContent } from "../lib/server/services/save-report";
import { submitReport } from "../lib/server/services/submit-report";
import type { Actor } from "../lib/server/types";
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

/** Creates 张良镇 and its clerk, and publishes its 2023 report, unless that report exists. Returns its id. */
export async function seedDemoContent(db: Db): Promise<string> {
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
