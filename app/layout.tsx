import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: "年报通 · 政府信息公开工作年度报告",
  description: "政府信息公开工作年度报告的填报、审核与发布",
  // public/icon.svg, and public/favicon.ico rendered from it (scripts/make-favicon.mjs) for older browsers
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
  },
};

// Every page renders per request: Next puts the request's CSP nonce (proxy.ts) on its scripts while rendering,
// and a page prerendered at build time would carry none (its scripts would be blocked).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
