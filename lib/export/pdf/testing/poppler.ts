/** Test helpers around poppler-utils (pdftotext, pdffonts). */
import { execFileSync } from "node:child_process";

export function hasPoppler(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    execFileSync("pdffonts", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function pdftotext(file: string, opts: { layout?: boolean; page?: number } = {}): string {
  const args: string[] = [];
  if (opts.layout) args.push("-layout");
  if (opts.page !== undefined) args.push("-f", String(opts.page), "-l", String(opts.page));
  args.push("-enc", "UTF-8", file, "-");
  return execFileSync("pdftotext", args, { encoding: "utf8" });
}

/** Text with all white space (incl. no-break spaces) removed, for phrase searches across lines. */
export const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");

export type PdfFont = { name: string; type: string; emb: boolean; sub: boolean; uni: boolean };

export function pdffonts(file: string): PdfFont[] {
  const out = execFileSync("pdffonts", [file], { encoding: "utf8" });
  const lines = out.split("\n").slice(2).filter((l) => l.trim() !== "");
  return lines.map((l) => {
    // name  type (may contain spaces)  encoding  emb sub uni  object ID
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
    if (!m) throw new Error(`cannot parse pdffonts line: ${l}`);
    return { name: m[1] as string, type: m[2] as string, emb: m[4] === "yes", sub: m[5] === "yes", uni: m[6] === "yes" };
  });
}

export type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Words with their boxes (pdftotext -bbox), per page (index 0 = page 1). */
export function pdfWords(file: string): Word[][] {
  const html = execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return html
    .split(/<page /)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: (m[5] as string).replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'),
      })),
    );
}
