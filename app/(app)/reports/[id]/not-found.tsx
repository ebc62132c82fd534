import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function ReportNotFound() {
  return <NotFoundPanel title="找不到该报告" message="报告不存在，或您没有查看它的权限。" links={[{ href: "/reports", label: "返回年度报告列表" }]} />;
}
