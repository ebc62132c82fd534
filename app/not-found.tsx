import { NotFoundPanel } from "@/components/ui/not-found-panel";

export const metadata = { title: "页面不存在 · 年报通" };

/** Any address that matches no page (/foo, /public/xyz, /admin/audit), signed in or not: in Chinese, with a way back. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <NotFoundPanel
        title="页面不存在"
        message="您访问的地址不存在，可能输入有误，或该页面已移动。"
        links={[
          { href: "/", label: "返回首页" },
          { href: "/public", label: "查阅公开年报" },
        ]}
      />
    </main>
  );
}
