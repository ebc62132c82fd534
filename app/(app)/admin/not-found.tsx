import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function AdminNotFound() {
  return <NotFoundPanel title="页面不存在" message="该页面不存在，或您没有访问它的权限。" links={[{ href: "/reports", label: "返回年度报告列表" }]} />;
}
