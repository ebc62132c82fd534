import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "年报通 · 政府信息公开工作年度报告",
  description: "政府信息公开工作年度报告的填报、审核与发布",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
