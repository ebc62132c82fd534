/**
 * Public types of the importer: a published annual report (text, PDF or DOCX) in, a nianbao draft out.
 */
import type { ReportContent } from "@/lib/template";

export type ImportFormat = "2021" | "2019" | "unknown";

export type ImportNoteKind =
  | "uncertain-cell"
  | "blank-as-zero"
  | "unplaced-paragraph"
  | "missing-section"
  | "duplicate-section"
  | "old-format"
  | "ambiguous-decoding"
  /** The 信息处理费 sentence of 六 became the structured fee statement (and left the text). */
  | "fee-statement"
  | "other";

export type ImportNote = {
  kind: ImportNoteKind;
  /** Cell ids (t2./t3./t4.) the note is about. */
  cells?: string[];
  /** The text the note is about (a paragraph, a heading, a digit string). */
  text?: string;
  /** Chinese, for the clerk. */
  message: string;
};

export type ImportResult = {
  format: ImportFormat;
  /** The report year found in the title (or, failing that, the statistical period). */
  year: number | null;
  /** The organ name found in the title (or, failing that, the 署名). */
  organName: string | null;
  /** The draft: text fields, cells (blank-as-zero already applied), header; the file's printed totals in sourceTotals. */
  content: ReportContent;
  notes: ImportNote[];
};

export type ImportOptions = {
  /** The year the report is expected to be about; a different year in the file gives a note. */
  expectedYear?: number;
  /** The organ the report is imported for; a different name in the file gives a note. */
  expectedOrganName?: string;
  /**
   * Last year's report of the organ (its year and cells), when the clerk has it: decides run-together
   * table 二 rows that the cells alone cannot (现行有效 = 上年现行有效 + 制发 − 废止).
   */
  lastYear?: { year: number; cells: Readonly<Record<string, string>> } | null;
};

export type ImportSourceKind = "txt" | "pdf" | "docx" | "html";

export type ImportErrorCode =
  | "too-large"
  | "empty"
  | "unsupported-type"
  | "encrypted"
  | "corrupt"
  | "scanned"
  | "not-a-report";

export type ImportFileError = { ok: false; code: ImportErrorCode; message: string };

export type ImportFileSuccess = ImportResult & {
  ok: true;
  source: { kind: ImportSourceKind; pages?: number; encoding?: string };
  /** The plain text the report was read from (tab-separated table rows), for display or debugging. */
  text: string;
};

export type ImportFileResult = ImportFileSuccess | ImportFileError;
