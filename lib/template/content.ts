/**
 * The stored shape of a report's content (JSON in Report.content).
 *
 * Cell values are kept as the user typed them (normalised strings): "" is blank, a count is
 * expected to be /^\d+$/, the fee a non-negative decimal string. Computed cells (every 总计)
 * are never stored: they are derived by lib/report/totals.ts on every read.
 */
export type CellValues = Record<string, string>;

export type FeeStatement = {
  /** null = not stated yet; false = no fee charged; true = fees charged. */
  charged: boolean | null;
  /** number of applications charged (integer string) */
  pieces: string;
  /** amount in 元 (decimal string, kept as typed) */
  amount: string;
};

export type ReportContent = {
  header: {
    /** 署名: the organ's full name, also the first part of the title. */
    organName: string;
    /** Where the author wants the title broken: character index into the full title, or null for automatic. */
    titleBreak: number | null;
    /** Opening paragraph (legal basis, period, where published, contact). */
    opening: string;
    /** 成文日期 as Chinese text, e.g. "2024年1月19日" (no leading zeros). */
    signDate: string;
  };
  /** Section 一's five sub-sections plus an optional lead paragraph. Keys from TEXT_FIELDS in lib/template. */
  text: Record<string, string>;
  fee: FeeStatement;
  /** Input cells of tables 二, 三 and 四, keyed by cell id (see lib/template/tables.ts). */
  cells: CellValues;
  /** Warnings acknowledged by the clerk: finding key → reason. */
  acknowledgements: Record<string, string>;
  /**
   * Totals as printed in an imported file, kept beside the recomputed ones so that a mismatch can be
   * reported (rules E2–E4). Absent for reports written in nianbao.
   */
  sourceTotals?: CellValues;
};
