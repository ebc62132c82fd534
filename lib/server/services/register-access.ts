import "server-only";
// Who may do what with an organ's register (台账), on the report scope's rules (lib/server/scope.ts):
//   read         — whoever may read the organ (organScope: the clerk's own organ, supervisors and admins above)
//   edit         — the organ's own clerks
//   personal     — the organ's own clerks and admins over it see 申请人 and 联系方式; supervisors never do
import {
  buildCalendar,
  chinaToday,
  computeDeadline,
  EMPTY_INPUT,
  stepsOf,
  urgency,
  workingDaysLeft,
  type ApplicationInput,
  type Calendar,
  type Deadline,
  type Urgency,
} from "@/lib/register";
import type { Db, DbTx } from "../db-core";
import { organScope } from "../scope";
import type { Actor } from "../types";

export type RegisterAccess = {
  organ: { id: string; fullName: string; shortName: string };
  edit: boolean;
  personal: boolean;
};

export async function registerAccess(user: Actor, organId: string, db: Db | DbTx): Promise<RegisterAccess | null> {
  const organ = await db.organ.findFirst({
    where: { AND: [{ id: organId }, organScope(user, "read")] },
    select: { id: true, fullName: true, shortName: true },
  });
  if (!organ) return null;
  const own = user.role === "CLERK" && user.organId === organ.id;
  return { organ, edit: own, personal: own || user.role === "ADMIN" };
}

export async function loadCalendar(db: Db | DbTx): Promise<Calendar> {
  const rows = await db.holidayOverride.findMany({ select: { date: true, kind: true, name: true } });
  return buildCalendar(rows.map((r) => ({ date: r.date, kind: r.kind === "workday" ? "workday" : "holiday", name: r.name })));
}

export const APPLICATION_SELECT = {
  id: true,
  organId: true,
  year: true,
  seq: true,
  receivedAt: true,
  method: true,
  applicantType: true,
  applicantName: true,
  contact: true,
  content: true,
  steps: true,
  repliedAt: true,
  result: true,
  note: true,
  carriedFromId: true,
  version: true,
  updatedAt: true,
} as const;

export type ApplicationRow = {
  id: string;
  organId: string;
  year: number;
  seq: number;
  receivedAt: string;
  method: string;
  applicantType: string;
  applicantName: string;
  contact: string;
  content: string;
  steps: string;
  repliedAt: string | null;
  result: string | null;
  note: string;
  carriedFromId: string | null;
  version: number;
  updatedAt: Date;
};

const STEP_KEYS = [
  "correctionNoticeAt",
  "correctionReceivedAt",
  "correctionExpiredAt",
  "consultFrom",
  "consultTo",
  "extensionApprovedAt",
  "extensionDays",
  "feeNoticeAt",
  "feePaidAt",
  "feeExpiredAt",
] as const satisfies readonly (keyof ApplicationInput)[];

export function stepsJson(input: ApplicationInput): string {
  return JSON.stringify(Object.fromEntries(STEP_KEYS.filter((k) => input[k]).map((k) => [k, input[k]])));
}

export function rowToInput(row: ApplicationRow): ApplicationInput {
  let steps: Record<string, unknown> = {};
  try {
    steps = JSON.parse(row.steps) as Record<string, unknown>;
  } catch {
    steps = {};
  }
  const out: ApplicationInput = {
    ...EMPTY_INPUT,
    receivedAt: row.receivedAt,
    method: row.method,
    applicantType: row.applicantType,
    applicantName: row.applicantName,
    contact: row.contact,
    content: row.content,
    repliedAt: row.repliedAt ?? "",
    result: row.result ?? "",
    note: row.note,
  };
  for (const k of STEP_KEYS) if (typeof steps[k] === "string") out[k] = steps[k];
  return out;
}

/** An entry as a page shows it: personal data blanked unless the reader may see it; its clock. */
export type ApplicationView = {
  id: string;
  year: number;
  seq: number;
  carried: boolean;
  input: ApplicationInput;
  version: number;
  updatedAt: string;
  deadline: Deadline;
  urgency: Urgency;
  /** working days left (negative: overdue), for open entries with a due date */
  daysLeft: number | null;
};

export function toView(row: ApplicationRow, personal: boolean, cal: Calendar, today = chinaToday()): ApplicationView {
  const input = rowToInput(row);
  if (!personal) {
    input.applicantName = "";
    input.contact = "";
  }
  const deadline = computeDeadline(cal, { receivedAt: input.receivedAt, repliedAt: input.repliedAt || null, steps: stepsOf(input) });
  return {
    id: row.id,
    year: row.year,
    seq: row.seq,
    carried: !!row.carriedFromId,
    input,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    deadline,
    urgency: urgency(cal, deadline, today),
    daysLeft: deadline.state === "open" && deadline.due ? workingDaysLeft(cal, today, deadline.due) : null,
  };
}
