/**
 * A local copy of unsaved content in localStorage, one key per report, so that a crash or a closed tab
 * does not lose what the clerk typed. Written while there are unsaved changes, removed once saved.
 */
import type { ReportContent } from "@/lib/template";
import { contentEquals } from "./diff";

export type Backup = {
  v: 1;
  content: ReportContent;
  /** The server version the content was based on. */
  baseVersion: number;
  /** When the copy was written (ISO). */
  writtenAt: string;
};

export const backupKey = (reportId: string) => `nianbao:editor-backup:${reportId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function readBackup(reportId: string): Backup | null {
  const raw = storage()?.getItem(backupKey(reportId));
  if (!raw) return null;
  try {
    const b = JSON.parse(raw) as Partial<Backup>;
    if (b?.v !== 1 || !b.content || typeof b.baseVersion !== "number" || typeof b.writtenAt !== "string") return null;
    const c = b.content;
    if (!c.header || !c.text || !c.cells || !c.fee) return null;
    return { v: 1, content: { ...c, acknowledgements: c.acknowledgements ?? {} }, baseVersion: b.baseVersion, writtenAt: b.writtenAt };
  } catch {
    return null;
  }
}

/** Returns false when the browser refuses (quota, private mode). */
export function writeBackup(reportId: string, content: ReportContent, baseVersion: number, now = new Date()): boolean {
  const s = storage();
  if (!s) return false;
  try {
    const b: Backup = { v: 1, content, baseVersion, writtenAt: now.toISOString() };
    s.setItem(backupKey(reportId), JSON.stringify(b));
    return true;
  } catch {
    return false;
  }
}

export function clearBackup(reportId: string) {
  try {
    storage()?.removeItem(backupKey(reportId));
  } catch {
    /* ignore */
  }
}

/**
 * Offer to restore when the backup differs from the server's content and is not older than it:
 * based on the server's current version or later, or written after the server's last save.
 */
export function shouldOfferRestore(
  backup: Backup | null,
  server: { version: number; savedAt: string; content: ReportContent },
): boolean {
  if (!backup) return false;
  if (contentEquals(backup.content, server.content)) return false;
  const written = Date.parse(backup.writtenAt);
  const saved = Date.parse(server.savedAt);
  return backup.baseVersion >= server.version || (Number.isFinite(written) && Number.isFinite(saved) && written > saved);
}
