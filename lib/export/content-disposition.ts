/** `attachment` with an ASCII fallback name and the real (Chinese) name per RFC 5987 / RFC 6266. */
export function contentDisposition(fileName: string): string {
  const ext = fileName.match(/\.[a-z0-9]+$/i)?.[0] ?? "";
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "").replace(/["\\;]/g, "").trim() || `report${ext}`;
  const fallback = ascii === ext ? `report${ext}` : ascii;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
