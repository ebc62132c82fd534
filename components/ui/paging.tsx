import Link from "next/link";

import { PAGE_SIZE, pageOf } from "@/lib/paging";

export { PAGE_SIZE, pageOf };

/** The most choices a <select> lists (organs, accounts); beyond it a name box or search takes its place. */
export const SELECT_MAX = 300;

/** A paged, searched list's address: `path`, with ?q= and ?page= when they are set. */
export function pageHref(path: string, q: string, page: number): string {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** ← 上一页 · 第 n / m 页 · 下一页 →, nothing for a single page. */
export function Pager({ page, pages, href, testId, linkClass = "text-blue-700 hover:underline" }: {
  page: number;
  pages: number;
  href: (page: number) => string;
  testId: string;
  linkClass?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="flex items-center gap-3 text-sm" aria-label="分页" data-testid={testId}>
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass}>
          ← 上一页
        </Link>
      ) : null}
      <span className="text-slate-600">
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={linkClass}>
          下一页 →
        </Link>
      ) : null}
    </nav>
  );
}

/** A GET form finding rows by name: the box, 查找, 清除 while a name is set, and what was found. */
export function NameSearch({ action, q, label, placeholder, count, testId, countTestId }: {
  action: string;
  q: string;
  label: string;
  placeholder: string;
  count: string;
  testId: string;
  countTestId: string;
}) {
  return (
    <form method="get" action={action} role="search" className="flex flex-wrap items-center gap-2 text-sm" data-testid={testId}>
      <input type="search" name="q" defaultValue={q} placeholder={placeholder} aria-label={label} className="h-8 w-56 rounded border border-slate-300 bg-white px-2" />
      <button type="submit" className="h-8 rounded border border-slate-300 bg-white px-3 hover:bg-slate-50">
        查找
      </button>
      {q ? (
        <Link href={action} className="text-blue-700 hover:underline">
          清除
        </Link>
      ) : null}
      <span className="text-slate-500" data-testid={countTestId}>
        {count}
      </span>
    </form>
  );
}
