import Link from "next/link";
import { listDueApplications } from "@/lib/server/services/register-due";
import type { Actor } from "@/lib/server/types";

/** Due-soon and overdue applications in the user's scope (server component; no personal data). */
export async function DueApplications({ user, title = "依申请公开：即将到期和已逾期" }: { user: Actor; title?: string }) {
  const items = await listDueApplications(user);
  if (!items.length) return null;
  const overdue = items.filter((i) => i.urgency === "overdue");
  const soon = items.filter((i) => i.urgency === "due_soon");
  const list = (rows: typeof items, testid: string) => (
    <ul className="space-y-0.5" data-testid={testid}>
      {rows.slice(0, 20).map((i) => (
        <li key={i.id}>
          <Link href={`/register?organ=${i.organId}&year=${i.year}`} className="text-blue-700 hover:underline">
            {i.organName} {i.year} 年第 {i.seq} 号
          </Link>
          （收到 {i.receivedAt}，期限 {i.due}
          {i.urgency === "overdue" ? `，已逾期 ${Math.abs(i.daysLeft)} 个工作日` : `，剩 ${i.daysLeft} 个工作日`}）
        </li>
      ))}
      {rows.length > 20 ? <li>……共 {rows.length} 件</li> : null}
    </ul>
  );
  return (
    <section className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="due-applications">
      <h2 className="mb-2 font-medium text-amber-900">{title}</h2>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-1 text-red-700">已逾期（{overdue.length}）</h3>
          {list(overdue, "due-overdue")}
        </div>
        <div>
          <h3 className="mb-1 text-amber-800">5 个工作日内到期（{soon.length}）</h3>
          {list(soon, "due-soon")}
        </div>
      </div>
    </section>
  );
}
