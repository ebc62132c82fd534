import { refSelector } from "./findings-view";

/** Room (px) kept between a revealed place and the edges of the visible area. */
const MARGIN = 12;

const CONTROL = "input, textarea, select, button, [tabindex]";

/** The control to focus for a shown ref: the element itself, or its first control (a field's box, a radio). */
function focusableOf(el: HTMLElement): HTMLElement {
  if (el.matches(CONTROL)) return el;
  return el.querySelector<HTMLElement>("input:checked, input:not([disabled]), textarea, button, [tabindex]") ?? el;
}

/** Height of what stays stuck to the top of the window over the report (the editor's toolbar). */
function topInset(doc: Document): number {
  const bar = doc.querySelector<HTMLElement>('[data-testid="report-editor"] > header');
  return bar ? bar.getBoundingClientRect().height : 0;
}

/** Height of what stays stuck to the bottom of the window over a table (its sticky scrollbar). */
function bottomInset(el: HTMLElement): number {
  const bar = el.closest("[data-grid-scroll]")?.parentElement?.querySelector<HTMLElement>('[data-testid="grid-scrollbar"]');
  return bar ? bar.getBoundingClientRect().height : 0;
}

const behavior = (win: Window): ScrollBehavior =>
  win.matchMedia?.("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";

/**
 * Brings the places a finding names into view and focuses the first one that can be typed in.
 *
 * Vertically: all of them when they fit between the sticky toolbar and the bottom of the window, else
 * the focused one in the middle of that band. Sideways, in a table that scrolls: the focused cell clear
 * of the pinned label and 总计 columns (the rest of its row's 总计 is pinned, so it is in view too).
 * Returns the ref that was focused, or null when none is shown.
 */
export function revealRefs(refs: readonly string[], root: ParentNode = document): string | null {
  const shown = refs
    .map((ref) => ({ ref, el: root.querySelector<HTMLElement>(refSelector(ref)) }))
    .filter((x): x is { ref: string; el: HTMLElement } => x.el !== null);
  if (shown.length === 0) return null;
  // a cell or field that can be typed in, else the first shown (a computed total)
  const target = shown.find(({ el }) => focusableOf(el).matches("input, textarea, select")) ?? shown[0]!;
  const el = target.el;
  const doc = el.ownerDocument;
  const win = doc.defaultView!;
  const how = behavior(win);

  // sideways first (a table's own scroll box), so that the vertical measure below is final
  const box = el.closest<HTMLElement>("[data-grid-scroll]");
  if (box) {
    const style = win.getComputedStyle(box);
    const padLeft = parseFloat(style.scrollPaddingLeft) || 0;
    const padRight = parseFloat(style.scrollPaddingRight) || 0;
    const cell = (el.closest("td, th") ?? el).getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    const left = cell.left - frame.left; // relative to the box's visible part
    let dx = 0;
    if (left < padLeft) dx = left - padLeft;
    else if (cell.right - frame.left > box.clientWidth - padRight) dx = cell.right - frame.left - (box.clientWidth - padRight);
    if (dx !== 0) box.scrollTo({ left: box.scrollLeft + dx, behavior: how });
  }

  const top = topInset(doc) + MARGIN;
  const bottom = win.innerHeight - bottomInset(el) - MARGIN;
  const band = Math.max(0, bottom - top);
  const rects = shown.map((x) => x.el.getBoundingClientRect()).filter((r) => r.width > 0 || r.height > 0);
  const span = rects.length > 0 ? { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) } : null;
  const own = el.getBoundingClientRect();
  const want = span && span.bottom - span.top <= band ? span : own;
  const offset = (want.top + want.bottom) / 2 - (top + bottom) / 2;
  // already wholly visible: leave the page where it is
  if (want.top < top || want.bottom > bottom) win.scrollTo({ top: win.scrollY + offset, behavior: how });

  focusableOf(el).focus({ preventScroll: true });
  return target.ref;
}

/** Scroll to the element showing a ref (cell, field, fee) and focus it (or its first control). */
export function revealRef(ref: string, root: ParentNode = document): boolean {
  return revealRefs([ref], root) !== null;
}
