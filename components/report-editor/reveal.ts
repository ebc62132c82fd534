import { refSelector } from "./findings-view";

/** Scroll to the element showing a ref (cell, field, fee) and focus it (or its first control). */
export function revealRef(ref: string, root: ParentNode = document): boolean {
  const el = root.querySelector<HTMLElement>(refSelector(ref));
  if (!el) return false;
  el.scrollIntoView({ block: "center", behavior: "smooth" });
  const focusable = el.matches("input, textarea, select, button, [tabindex]")
    ? el
    : (el.querySelector<HTMLElement>("input:checked, input:not([disabled]), textarea, button, [tabindex]") ?? el);
  focusable.focus({ preventScroll: true });
  return true;
}
