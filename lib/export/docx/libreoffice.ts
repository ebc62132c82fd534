/**
 * Converting our DOCX to PDF with LibreOffice (headless), for tests, the bench and — if the lead
 * decides so — a server-side "PDF from the Word file" path.
 *
 * LibreOffice must find the stand-ins for the official font names the DOCX uses: the conversion
 * runs with FONTCONFIG_FILE=fonts/fontconfig/fonts.conf. Each LibreOffice process needs its own
 * user profile (-env:UserInstallation); two conversions sharing a profile at the same time fail.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** fonts/fontconfig/fonts.conf of this repository. */
export const FONTCONFIG_FILE = fileURLToPath(new URL("../../../fonts/fontconfig/fonts.conf", import.meta.url));

/** The soffice executable on PATH, or null. */
export function findSoffice(): string | null {
  for (const name of ["soffice", "libreoffice"]) {
    try {
      execFileSync(name, ["--version"], { stdio: "ignore", timeout: 60_000 });
      return name;
    } catch {
      // not this one
    }
  }
  return null;
}

export type ConvertOptions = {
  /** soffice executable; default: findSoffice() */
  soffice?: string;
  /** user profile directory to use (reused: faster); default a new temporary one, removed afterwards */
  profileDir?: string;
  timeoutMs?: number;
};

export type ConvertResult = { pdfPath: string; ms: number; stdout: string; stderr: string };

/**
 * Convert a .docx file to PDF in outDir. Rejects when LibreOffice fails or writes no PDF (e.g. a
 * file it cannot load).
 */
export async function convertDocxToPdf(docxPath: string, outDir: string, opts: ConvertOptions = {}): Promise<ConvertResult> {
  const soffice = opts.soffice ?? findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const tempProfile = opts.profileDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-lo-profile-"));
  const profile = opts.profileDir ?? (tempProfile as string);
  const pdfPath = path.join(outDir, `${path.basename(docxPath).replace(/\.docx$/i, "")}.pdf`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(pdfPath, { force: true });
  const args = [
    `-env:UserInstallation=file://${path.resolve(profile)}`,
    "--headless",
    "--norestore",
    "--nolockcheck",
    "--convert-to",
    "pdf:writer_pdf_Export",
    "--outdir",
    outDir,
    docxPath,
  ];
  const t0 = performance.now();
  try {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        soffice,
        args,
        { env: { ...process.env, FONTCONFIG_FILE }, timeout: opts.timeoutMs ?? 120_000, encoding: "utf8" },
        (err, stdout, stderr) => (err ? reject(Object.assign(err, { stdout, stderr })) : resolve({ stdout, stderr })),
      );
    });
    const ms = performance.now() - t0;
    if (!fs.existsSync(pdfPath) || fs.statSync(pdfPath).size === 0) {
      throw new Error(`LibreOffice wrote no PDF for ${docxPath}\nstdout: ${stdout}\nstderr: ${stderr}`);
    }
    return { pdfPath, ms, stdout, stderr };
  } finally {
    if (tempProfile) fs.rmSync(tempProfile, { recursive: true, force: true });
  }
}

/** Page count of a PDF with poppler's pdfinfo. */
export function pdfPageCount(pdfPath: string): number {
  const out = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
  const m = /^Pages:\s+(\d+)/m.exec(out);
  if (!m) throw new Error(`pdfinfo printed no page count for ${pdfPath}`);
  return Number(m[1]);
}
