import "server-only";
import { isEditable, parseDraft, STATUS_LABELS, type SaveInput, type SaveResult } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { findingCountsFor } from "./finding-counts";
import { auditDetail, parseStoredContent, toReportStatus } from "./report-row";

export type SaveReportInput = Omit<SaveInput, "content"> & { content: unknown };

const NOT_FOUND: SaveResult = { ok: false, code: "NOT_FOUND", message: "找不到该报告，或您无权访问。" };

/**
 * Saves a draft with optimistic concurrency: succeeds only if the stored version is still
 * `baseVersion`; otherwise answers CONFLICT with the server's copy and changes nothing.
 */
export async function saveReport(user: Actor, input: SaveReportInput, db: Db = getDb()): Promise<SaveResult> {
  const scope = reportScope(user);
  const current = await db.report.findFirst({
    where: { AND: [{ id: input.reportId }, scope] },
    select: { id: true, status: true, source: true, version: true, organId: true, year: true, organ: { select: { kind: true } } },
  });
  if (!current) return NOT_FOUND;
  if (!can(user, "report:edit")) return { ok: false, code: "READ_ONLY", message: "您没有修改该报告的权限。" };
  // An imported report is the file as it was published: read-only whatever its status.
  if (current.source === "IMPORT") return { ok: false, code: "READ_ONLY", message: "该报告是从文件导入的存档，只读，不能修改。" };
  const status = toReportStatus(current.status);
  if (!isEditable(status)) {
    return { ok: false, code: "READ_ONLY", message: `该报告当前状态为“${STATUS_LABELS[status]}”，不能修改。` };
  }
  const parsed = parseDraft(input.content);
  if (!parsed.ok) {
    return { ok: false, code: "INVALID", message: `内容不符合要求：${parsed.messages.slice(0, 3).join("；")}` };
  }

  // Open errors/warnings for the dashboard (computed here once, never at read time).
  const counts = await findingCountsFor(
    user,
    { organId: current.organId, year: current.year, organKind: current.organ.kind },
    parsed.content,
    db,
  );

  const written = await db.$transaction(async (tx) => {
    const updated = await tx.report.updateMany({
      where: { AND: [{ id: current.id, version: input.baseVersion, status: { in: ["DRAFT", "RETURNED"] }, source: "EDITOR" }, scope] },
      data: { content: JSON.stringify(parsed.content), version: { increment: 1 }, updatedById: user.id, ...counts },
    });
    if (updated.count !== 1) return null;
    const row = await tx.report.findUniqueOrThrow({ where: { id: current.id }, select: { version: true, updatedAt: true } });
    await tx.reportEvent.create({
      data: {
        reportId: current.id,
        actorId: user.id,
        action: "report.save",
        detail: auditDetail({ fromVersion: input.baseVersion, toVersion: row.version }),
      },
    });
    return row;
  });
  if (written) return { ok: true, version: written.version, savedAt: written.updatedAt.toISOString() };

  // Version moved on (or the status changed) since the editor loaded it.
  const server = await db.report.findFirst({
    where: { AND: [{ id: current.id }, scope] },
    select: { version: true, status: true, content: true, updatedAt: true },
  });
  if (!server) return NOT_FOUND;
  const serverStatus = toReportStatus(server.status);
  if (!isEditable(serverStatus)) {
    return { ok: false, code: "READ_ONLY", message: `该报告当前状态为“${STATUS_LABELS[serverStatus]}”，不能修改。` };
  }
  return {
    ok: false,
    code: "CONFLICT",
    message: `该报告已在其他窗口或由他人修改（服务器版本 ${server.version}，您的版本 ${input.baseVersion}）。`,
    serverVersion: server.version,
    serverContent: parseStoredContent(server.content),
    serverSavedAt: server.updatedAt.toISOString(),
  };
}
