"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

/** A page that threw: in Chinese, 重试 and home; the error itself stays in the server's log (see ErrorPanel). */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <ErrorPanel digest={error.digest} reset={reset} />
    </main>
  );
}
