import { LOGIN_LOCK_RULE_LABELS, codeLabel, formatDateTime } from "@/lib/labels";
import type { LoginLock } from "@/lib/server/services/login-limits";
import { ClearLoginLockForm } from "./clear-login-lock-form";

/** The login locks in force, each with its 解除 button (lib/server/services/login-limits.ts). */
export function LoginLocks({ locks, empty }: { locks: readonly LoginLock[]; empty: string }) {
  if (locks.length === 0) return <p className="text-sm text-slate-500" data-testid="login-locks-empty">{empty}</p>;
  return (
    <table className="w-full text-sm" data-testid="login-locks">
      <thead className="text-left text-slate-600">
        <tr>
          <th className="py-1.5 pr-4 font-medium">锁定原因</th>
          <th className="py-1.5 pr-4 font-medium">账号</th>
          <th className="py-1.5 pr-4 font-medium">网络地址</th>
          <th className="py-1.5 pr-4 font-medium">失败次数</th>
          <th className="py-1.5 pr-4 font-medium">自动解除时间</th>
          <th className="py-1.5 font-medium">操作</th>
        </tr>
      </thead>
      <tbody>
        {locks.map((l) => (
          <tr key={`${l.rule}:${l.username ?? ""}:${l.ip ?? ""}`} className="border-t border-slate-100 align-top" data-rule={l.rule}>
            <td className="py-2 pr-4">{codeLabel(LOGIN_LOCK_RULE_LABELS, l.rule)}</td>
            <td className="py-2 pr-4 font-mono">{l.username ?? "（该地址的所有新账号）"}</td>
            <td className="py-2 pr-4 font-mono">{l.ip === null ? "（登录失败过的陌生地址）" : l.ip || "未知"}</td>
            <td className="py-2 pr-4 tabular-nums">{l.failures}</td>
            <td className="py-2 pr-4 tabular-nums">{formatDateTime(l.until)}</td>
            <td className="py-2">
              {l.rule === "ADDRESS" ? <ClearLoginLockForm ip={l.ip ?? ""} /> : <ClearLoginLockForm username={l.username ?? ""} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
