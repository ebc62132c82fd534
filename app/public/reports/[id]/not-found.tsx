import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function PublicReportNotFound() {
  return <NotFoundPanel title="找不到该报告" message="该报告不存在或尚未公开。" links={[{ href: "/public", label: "返回政府信息公开年报" }]} />;
}
