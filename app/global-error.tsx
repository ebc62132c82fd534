"use client";

import "./globals.css";
import { ErrorPanel } from "@/components/ui/error-panel";

/**
 * The root layout itself threw: this replaces it, so it has its own <html> and <body>. Styled by the app's
 * stylesheet (Tailwind classes), no inline <style> or style= that the nonce-based CSP (proxy.ts) would block.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <head>
        <title>页面出错了 · 年报通</title>
      </head>
      <body>
        <main className="mx-auto max-w-xl px-4 py-16">
          <ErrorPanel digest={error.digest} reset={reset} />
        </main>
      </body>
    </html>
  );
}
