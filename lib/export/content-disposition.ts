/**
 * `attachment` with an ASCII fallback name and the real (Chinese) name per RFC 5987 / RFC 6266. The fallback
 * (for clients that ignore `filename*`) keeps the name's ASCII part when it says something — a name of only
 * digits (「2026.pdf」, what is left of 「…2026年…年度报告.pdf」) is prefixed `report-`.
 */
export function contentDisposition(fileName: string): string {
  const ext = fileName.match(/\.[a-z0-9]+$/i)?.[0] ?? "";
  const base = fileName
    .slice(0, fileName.length - ext.length)
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\;]/g, "")
    .trim();
  const fallback = /[a-z]/i.test(base) ? `${base}${ext}` : base ? `report-${base}${ext}` : `report${ext}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
