import { emptyContent, INPUT_CELLS, type ReportContent } from "@/lib/template";
import type { Db } from "@/lib/server/db-core";
import { createOrganRow } from "@/lib/server/organ-tree";
import { isRole } from "@/lib/server/permissions";
import type { Actor } from "@/lib/server/types";

/** The seeded user `username` as services see it. */
export async function actor(db: Db, username: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true, role: true, organId: true } });
  if (!isRole(u.role)) throw new Error(`bad role ${u.role}`);
  return { id: u.id, role: u.role, organId: u.organId };
}

/**
 * A second county (邻县) with one township, a clerk and a supervisor, created directly (no login):
 * used to prove that supervisors only see their own subtree.
 */
export async function addNeighbourCounty(db: Db): Promise<{ countyId: string; townId: string; clerk: Actor; supervisor: Actor }> {
  const county = await createOrganRow(db, { fullName: "邻县人民政府", shortName: "邻县", kind: "COUNTY", parentId: null });
  const town = await createOrganRow(db, { fullName: "邻县东风镇人民政府", shortName: "东风镇", kind: "TOWNSHIP", parentId: county.id });
  const mk = async (username: string, role: "CLERK" | "SUPERVISOR", organ: string): Promise<Actor> => {
    const u = await db.user.create({
      data: { id: `test-${username}`, name: username, email: `${username}@nianbao.local`, username, role, organId: organ },
    });
    return { id: u.id, role, organId: organ };
  };
  return {
    countyId: county.id,
    townId: town.id,
    clerk: await mk("dongfeng", "CLERK", town.id),
    supervisor: await mk("linxian", "SUPERVISOR", county.id),
  };
}

/** The opening with its contact placeholders filled (empty ones are an error, E9). */
export function filledOpening(opening: string): string {
  return opening.replace("（地址：    ；电话：    ）", "（地址：人民路1号；电话：0371-60000000）");
}

/** A report without errors (submit requires one): every cell 0, the text sections, fee 未收取, sign date. */
export function completeContent(organName: string, year: number): ReportContent {
  const c = emptyContent(organName, year);
  return {
    ...c,
    header: { ...c.header, opening: filledOpening(c.header.opening), signDate: `${year + 1}年1月20日` },
    text: {
      ...c.text,
      "s1.active": "本年度主动公开政府信息。",
      "s1.request": "依申请公开办理及时。",
      "s1.management": "政府信息管理规范。",
      "s1.platform": "平台建设有序。",
      "s1.oversight": "监督保障有力。",
      s5: "一是公开意识有待加强。",
      s6: "无其他需要报告的事项。",
    },
    fee: { charged: false, pieces: "", amount: "" },
    cells: Object.fromEntries(INPUT_CELLS.map((x) => [x.id, "0"])),
  };
}
