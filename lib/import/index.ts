/**
 * The importer: last year's published report (PDF, DOCX or plain text) → a nianbao report draft.
 *
 *   importReportText(text, opts)            pure, synchronous
 *   importReportFile(bytes, fileName, opts)  PDF/DOCX/TXT, async; ImportResult or { ok: false, message }
 */
export * from "./types";
export { importReportText } from "./text";
export { importReportFile, MAX_IMPORT_BYTES, decodeText } from "./file";
export { decodeRunTogether, type SumRule, type DecodeOptions } from "./decode";
