/**
 * Report statuses and the transitions between them — THE one place they are defined. The server
 * enforces them in lib/server/services/transition.ts (permission + scope + canTransition, then a
 * conditional update); the UI only mirrors them to decide what to offer.
 *
 *   草稿 DRAFT ──submit──▶ 待审核 SUBMITTED ──approve──▶ 已通过 APPROVED ──publish──▶ 已发布 PUBLISHED
 *        ▲                  │   │                           │                           │
 *        └────withdraw──────┘   └──return──▶ 已退回 RETURNED ◀──return────────────────────┘
 *                                               │                  (also from APPROVED)
 *                                               └──submit──▶ 待审核 …
 *
 * withdraw is allowed only until a supervisor starts reviewing the submission (Report.reviewStartedAt).
 * return also works after approval and after publication: a published report found to be wrong is
 * taken off the public portal and goes back to the clerk, to be corrected, reviewed and published again.
 */
export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  RETURNED: "已退回",
  APPROVED: "已通过",
  PUBLISHED: "已发布",
};

/** A file imported as the year's report (source IMPORT, stored as PUBLISHED): shown by this word, not its status. */
export const IMPORTED_LABEL = "已导入";

/** The status word of a report: 已导入 for an imported file, the status label otherwise. */
export function statusWord(status: ReportStatus, imported: boolean): string {
  return imported ? IMPORTED_LABEL : STATUS_LABELS[status];
}

export type ReportAction = "submit" | "withdraw" | "return" | "approve" | "publish";

export const REPORT_ACTIONS: readonly ReportAction[] = ["submit", "withdraw", "return", "approve", "publish"];

export const TRANSITIONS: Record<ReportAction, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED" },
  withdraw: { from: ["SUBMITTED"], to: "DRAFT" },
  return: { from: ["SUBMITTED", "APPROVED", "PUBLISHED"], to: "RETURNED" },
  approve: { from: ["SUBMITTED"], to: "APPROVED" },
  publish: { from: ["APPROVED"], to: "PUBLISHED" },
};

/** Who performs an action: the organ's clerk, or a supervisor whose scope includes the organ. */
export const ACTION_ACTOR: Record<ReportAction, "clerk" | "reviewer"> = {
  submit: "clerk",
  withdraw: "clerk",
  return: "reviewer",
  approve: "reviewer",
  publish: "reviewer",
};

/** Button labels (also used in messages). */
export const ACTION_LABELS: Record<ReportAction, string> = {
  submit: "提交审核",
  withdraw: "撤回",
  return: "退回修改",
  approve: "审核通过",
  publish: "发布",
};

/** Audit-log action names (ReportEvent.action) of the transitions. */
export const ACTION_EVENTS: Record<ReportAction, string> = {
  submit: "report.submit",
  withdraw: "report.withdraw",
  return: "report.return",
  approve: "report.approve",
  publish: "report.publish",
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

/** Withdrawing needs the status and that no supervisor has started reviewing the submission yet. */
export function canWithdraw(status: ReportStatus, reviewStarted: boolean): boolean {
  return canTransition(status, "withdraw") && !reviewStarted;
}

/**
 * Why `action` is not possible in `status` (Chinese, for buttons' explanations and server answers),
 * or null when it is. A repeated action (double click, another tab) is recognised as such in a server's
 * answer; a button's explanation (`button`) only says the state, as after the user's own action it would
 * wrongly suggest a double click.
 */
export function transitionRefusal(
  status: ReportStatus,
  action: ReportAction,
  opts: { reviewStarted?: boolean; button?: boolean } = {},
): string | null {
  if (canTransition(status, action)) {
    if (action === "withdraw" && opts.reviewStarted) return "审核人已开始审核，不能撤回；如需修改，请联系审核人退回。";
    return null;
  }
  const label = STATUS_LABELS[status];
  if (TRANSITIONS[action].to === status) {
    const done: Record<ReportAction, string> = {
      submit: "该报告已提交审核",
      withdraw: "该报告已撤回",
      return: "该报告已退回",
      approve: "该报告已审核通过",
      publish: "该报告已发布",
    };
    return opts.button ? `${done[action]}。` : `${done[action]}，无需重复操作（可能是重复点击或在其他窗口已操作）。`;
  }
  switch (action) {
    case "submit":
      return `该报告当前状态为“${label}”，不能提交审核。`;
    case "withdraw":
      return status === "RETURNED"
        ? "该报告已被退回，无需撤回，可直接修改后重新提交。"
        : `该报告当前状态为“${label}”，不能撤回。`;
    case "return":
    case "approve":
      return status === "DRAFT" || status === "RETURNED"
        ? `该报告当前状态为“${label}”，尚未提交审核。`
        : `该报告当前状态为“${label}”，不能${ACTION_LABELS[action]}。`;
    case "publish":
      return `该报告当前状态为“${label}”，审核通过后才能发布。`;
  }
}
