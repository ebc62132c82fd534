import "server-only";
import { z } from "zod";
import type { SaveResult } from "@/lib/report";
import { getDb, type Db } from "./db-core";
import { saveReport } from "./services/save-report";
import type { Actor } from "./types";

const saveInputSchema = z.object({
  reportId: z.string().min(1).max(100),
  baseVersion: z.number().int().min(0),
  changes: z.unknown(),
});

export const SAVE_SERVER_ERROR = "保存失败：服务器出错，请稍后重试（本页内容已保留在本机）。";

/** Largest autosave request body (as Next's default for a server action): far above a whole report's text. */
export const SAVE_BODY_LIMIT = 1024 * 1024;

/** Answers of the autosave route (app/(app)/reports/[id]/save) to a request it does not take. */
export function saveRefusal(why: "ORIGIN" | "TYPE" | "SIZE"): SaveResult {
  const message = {
    ORIGIN: "保存请求来源不正确，请从本系统页面保存（本页内容已保留在本机）。",
    TYPE: "保存请求格式不正确，请刷新页面后重试（本页内容已保留在本机）。",
    SIZE: "本次保存的内容超过 1 MB，未能保存；请缩短较长的文字后重试（本页内容已保留在本机）。",
  }[why];
  return { ok: false, code: "INVALID", message };
}

/**
 * The autosave route's body (app/(app)/reports/[id]/save/route.ts), apart
 * from Next: the request's shape
 * (zod) → the signed-in user → the save service (its own zod schema for the changes, then permission and
 * scope). Any input — of any type — gets a SaveResult with a Chinese message; an unexpected exception is
 * logged and answered as code ERROR (bench/fuzz.ts counts those as server errors).
 */
export async function runSaveAction(input: unknown, currentUser: () => Promise<Actor | null>, db: Db = getDb()): Promise<SaveResult> {
  const parsed = saveInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", message: "保存请求格式不正确。" };
  const user = await currentUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "登录已过期，请重新登录后再保存（本页内容已保留在本机）。" };
  try {
    return await saveReport(user, parsed.data, db);
  } catch (e) {
    console.error("saveReport failed", e);
    return { ok: false, code: "ERROR", message: SAVE_SERVER_ERROR };
  }
}
