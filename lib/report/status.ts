/** Report statuses and the transitions between them (enforced on the server by the services). */
export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  RETURNED: "已退回",
  APPROVED: "已通过",
  PUBLISHED: "已发布",
};

export type ReportAction = "submit" | "withdraw" | "return" | "approve" | "publish";

export const TRANSITIONS: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED" },
  withdraw: { from: ["SUBMITTED"], to: "DRAFT" },
  return: { from: ["SUBMITTED"], to: "RETURNED" },
  approve: { from: ["SUBMITTED"], to: "APPROVED" },
  publish: { from: ["APPROVED"], to: "PUBLISHED" },
};

/** The clerk may edit only drafts and returned reports. */
export function isEditable(status: ReportStatus): boolean {
  return status === "DRAFT" || status === "RETURNED";
}

/** Exports carry a 草稿 watermark until the report is approved. */
export function isFinal(status: ReportStatus): boolean {
  return status === "APPROVED" || status === "PUBLISHED";
}

export function canTransition(status: ReportStatus, action: ReportAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}
