import Link from "next/link";
import { cn } from "@/lib/utils";

const TABS = [
  { key: "organs", href: "/admin/organs", label: "机关管理" },
  { key: "users", href: "/admin/users", label: "账号管理" },
  { key: "deadlines", href: "/admin/deadlines", label: "公开期限" },
  { key: "holidays", href: "/admin/holidays", label: "节假日" },
  { key: "audit", href: "/audit", label: "审计日志" },
] as const;

export function AdminTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  return (
    <nav className="flex gap-1 border-b border-slate-200 text-sm" aria-label="系统管理">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.key === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2",
            t.key === current ? "border-blue-700 font-medium text-blue-800" : "border-transparent text-slate-600 hover:text-blue-700",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
