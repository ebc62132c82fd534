import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session";
import { LoginForm } from "@/components/login-form";
import { landingPath } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "登录 · 年报通" };
export const dynamic = "force-dynamic";

/** Only same-site paths are accepted as the post-login destination; none: the user's start page. */
function safeNext(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : undefined;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  const user = await getCurrentUser();
  if (user) redirect(next ?? landingPath(user));
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-xl font-semibold text-slate-900">年报通 · 政府信息公开工作年度报告</h1>
          <p className="mt-1 text-sm text-slate-500">请使用管理员分配的账号登录</p>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm redirectTo={next} />
        </section>
      </div>
    </main>
  );
}
