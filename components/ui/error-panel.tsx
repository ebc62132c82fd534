"use client";

/**
 * What a page that failed shows (app/error.tsx, app/global-error.tsx): never the error's message or stack
 * (they may name tables, paths or data), only the digest Next logs with it on the server, to quote to support.
 * A plain <a> home, not next/link: after a failure a full load is the surer way back.
 */
export function ErrorPanel({ digest, reset }: { digest?: string; reset: () => void }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-8 text-center" data-testid="error-panel">
      <h1 className="text-lg font-semibold">页面出错了</h1>
      <p className="mt-2 text-sm text-slate-500">页面加载时发生错误，请重试；问题仍在时请联系系统管理员。</p>
      {digest ? (
        <p className="mt-2 text-xs text-slate-500">
          错误编号：<span className="font-mono">{digest}</span>
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center justify-center gap-x-6 gap-y-2 text-sm">
        <button type="button" onClick={reset} className="h-9 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          重试
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="text-blue-700 hover:underline">
          返回首页
        </a>
      </div>
    </div>
  );
}
