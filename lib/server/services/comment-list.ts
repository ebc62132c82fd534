import "server-only";
import { ROLE_LABELS } from "@/lib/labels";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";
import { loadCommentTarget } from "./comment-access";
import { anchorLabel, anchorOrder, parseAnchor } from "./comment-anchor";

export type CommentView = {
  id: string;
  body: string;
  author: { id: string; name: string; role: string; roleLabel: string } | null;
  createdAt: string;
};

export type CommentThread = CommentView & {
  anchor: string;
  anchorLabel: string;
  /** false when the anchor no longer names a place of the template */
  anchorValid: boolean;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  replies: CommentView[];
};

type Row = {
  id: string;
  body: string;
  createdAt: Date;
  author: { id: string; displayName: string; name: string; role: string } | null;
};

function view(r: Row): CommentView {
  return {
    id: r.id,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    author: r.author
      ? {
          id: r.author.id,
          name: r.author.displayName || r.author.name,
          role: r.author.role,
          roleLabel: ROLE_LABELS[r.author.role] ?? r.author.role,
        }
      : null,
  };
}

/** The comment threads of a report visible to `user`, in the order of the report, oldest first per place. */
export async function listComments(user: Actor, reportId: string, db: Db = getDb()): Promise<CommentThread[]> {
  if (!can(user, "report:read")) return [];
  const report = await loadCommentTarget(user, reportId, db);
  if (!report) return [];
  const author = { select: { id: true, displayName: true, name: true, role: true } };
  const rows = await db.comment.findMany({
    where: { reportId: report.id, parentId: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      anchor: true,
      body: true,
      createdAt: true,
      resolved: true,
      resolvedAt: true,
      author,
      resolvedBy: { select: { displayName: true, name: true } },
      replies: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, body: true, createdAt: true, author } },
    },
  });
  const threads = rows.map(
    (r): CommentThread => ({
      ...view(r),
      anchor: r.anchor,
      anchorLabel: anchorLabel(r.anchor),
      anchorValid: parseAnchor(r.anchor).ok,
      resolved: r.resolved,
      resolvedBy: r.resolvedBy ? r.resolvedBy.displayName || r.resolvedBy.name : null,
      resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
      replies: r.replies.map(view),
    }),
  );
  // Stable sort by place; threads on one place stay in time order.
  return threads
    .map((t, i) => ({ t, i, o: anchorOrder(t.anchor) }))
    .sort((a, b) => a.o - b.o || a.i - b.i)
    .map((x) => x.t);
}

/** Unresolved threads of a report (0 when not visible). */
export async function countUnresolvedComments(user: Actor, reportId: string, db: Db = getDb()): Promise<number> {
  if (!can(user, "report:read")) return 0;
  const report = await loadCommentTarget(user, reportId, db);
  if (!report) return 0;
  return db.comment.count({ where: { reportId: report.id, parentId: null, resolved: false } });
}
