"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/server/session";
import { refreshRollupReport } from "@/lib/server/services/refresh-rollup-report";

/** 更新汇总数据: fill a 汇总 report's tables again from the roll-up. */
export async function refreshRollupAction(input: { reportId: string }): Promise<{ ok: boolean; message: string }> {
  const parsed = z.object({ reportId: z.string().min(1).max(100) }).safeParse(input);
  if (!parsed.success) return { ok: false, message: "请求格式不正确，请刷新页面后重试。" };
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "登录已过期，请重新登录。" };
  try {
    const r = await refreshRollupReport(user, parsed.data);
    if (!r.ok) return { ok: false, message: r.message };
    return { ok: true, message: r.changed ? `已更新 ${r.changed} 处汇总数据。` : "汇总数据已是最新。" };
  } catch (e) {
    console.error("refresh rollup failed", e);
    return { ok: false, message: "更新失败：服务器出错，请稍后重试。" };
  }
}
