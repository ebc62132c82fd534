import type { ReportContent } from "@/lib/template";
import { readBackup, shouldOfferRestore, type Backup } from "./backup";

/**
 * When this page's content was asked of the server: for a page loaded as such (opened, reloaded), the start
 * of its navigation — not when its script ran: on a slow PC another tab may write its copy in between (it
 * was offered here as a leftover); after a navigation within the app, now.
 */
export function pageOpenedAt(): number {
  if (typeof window === "undefined") return Date.now();
  const nav = performance.getEntriesByType?.("navigation")[0];
  return nav && nav.name === location.href ? performance.timeOrigin : Date.now();
}

/**
 * Whether a local backup is offered for restoring. Read once on the client (never during server
 * rendering, so hydration matches), then resolved by the user.
 */
export class RestoreOffer {
  private value: Backup | null | undefined = undefined;
  private listeners = new Set<() => void>();
  /** A copy written after this page opened is another open tab's (localStorage is shared), not a leftover. */
  private readonly openedAt = pageOpenedAt();

  constructor(
    private readonly reportId: string,
    private readonly server: { version: number; savedAt: string; content: ReportContent },
    private readonly enabled: boolean,
  ) {}

  getSnapshot = (): Backup | null => {
    if (this.value === undefined) {
      const backup = this.enabled ? readBackup(this.reportId) : null;
      const leftover = backup !== null && !(Date.parse(backup.writtenAt) > this.openedAt);
      this.value = leftover && shouldOfferRestore(backup, this.server) ? backup : null;
    }
    return this.value;
  };
  getServerSnapshot = (): Backup | null => null;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  /** An offer is waiting for the user's answer (backups must not be overwritten meanwhile). */
  pending(): boolean {
    return this.getSnapshot() !== null;
  }
  resolve() {
    this.value = null;
    this.listeners.forEach((l) => l());
  }
}
