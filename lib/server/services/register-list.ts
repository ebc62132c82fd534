import "server-only";
import { chinaToday, table3FromRegister, table4FromCases, type RegisterCase } from "@/lib/register";
import type { CellValues } from "@/lib/template";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { APPLICATION_SELECT, loadCalendar, registerAccess, toView, type ApplicationView, type RegisterAccess } from "./register-access";

export type RegisterCaseView = RegisterCase & { note: string; createdAt: string };

export type RegisterPage = {
  access: RegisterAccess;
  year: number;
  today: string;
  entries: ApplicationView[];
  cases: RegisterCaseView[];
  table3: CellValues;
  table4: CellValues;
  /** entries of this year still open: to be carried into next year's register (and not yet carried) */
  carryable: number;
  setting: { t3Source: "register" | "typed"; t4Source: "register" | "typed" };
  /**
   * The years the register's due dates run into (the year and the next: a December application is due in
   * January) whose State Council holiday calendar neither the package nor an admin has entered: there the
   * due dates count Monday–Friday only.
   */
  unknownHolidayYears: number[];
};

/** An organ's register for a year, as the reader may see it; null when out of scope. */
export async function getRegister(user: Actor, organId: string, year: number, db: Db = getDb(), now = new Date()): Promise<RegisterPage | null> {
  const access = await registerAccess(user, organId, db);
  if (!access) return null;
  const [rows, cases, cal, setting] = await Promise.all([
    db.application.findMany({
      where: { organId, year },
      orderBy: { seq: "asc" },
      select: { ...APPLICATION_SELECT, carriedTo: { select: { id: true } } },
    }),
    db.disclosureCase.findMany({ where: { organId, year }, orderBy: { createdAt: "asc" } }),
    loadCalendar(db),
    db.registerSetting.findUnique({ where: { organId_year: { organId, year } } }),
  ]);
  const today = chinaToday(now);
  const entries = rows.map((r) => toView(r, access.personal, cal, today));
  const caseViews = cases.map((c) => ({
    id: c.id,
    kind: c.kind,
    result: c.result,
    coDefendantOnly: c.coDefendantOnly,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
  }));
  return {
    access,
    year,
    today,
    entries,
    cases: caseViews,
    table3: table3FromRegister(entries.map((e) => ({ id: e.id, applicantType: e.input.applicantType, carried: e.carried, result: e.input.result || null }))),
    table4: table4FromCases(caseViews),
    carryable: rows.filter((r) => !r.result && !r.carriedTo).length,
    setting: {
      t3Source: setting?.t3Source === "typed" ? "typed" : "register",
      t4Source: setting?.t4Source === "typed" ? "typed" : "register",
    },
    unknownHolidayYears: [year, year + 1].filter((y) => !cal.knowsYear(y)),
  };
}
