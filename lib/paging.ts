// Paging of the long lists, pure: the list pages (components/ui/paging.tsx) and the services that page
// in the database (audit, dashboard) keep ?page= within the pages there are the same way.

/** Rows per page of the long lists (a province has thousands of organs, accounts and reports). */
export const PAGE_SIZE = 100;

/**
 * The page asked for (?page=, 1-based) kept within the pages there are: past the last page is the last page,
 * below 1 or not a whole number (「abc」, 「2.5」, none) is page 1. Also the page count and the rows to skip.
 */
export function pageOf(raw: string | number | null | undefined, total: number, size = PAGE_SIZE): { page: number; pages: number; skip: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const n = typeof raw === "number" ? raw : raw == null || raw.trim() === "" ? NaN : Number(raw);
  const page = Number.isInteger(n) && n >= 1 ? Math.min(n, pages) : 1;
  return { page, pages, skip: (page - 1) * size };
}
