"use client";

import { useMemo, type ReactNode } from "react";
import dynamic from "next/dynamic";
import { reportTitleSuffix } from "@/lib/template";
import type { CommentThread } from "@/lib/server/services/comment-list";
import type { CommentRights } from "@/lib/server/services/comment-access";
import { ReportEditor, type ReportEditorProps } from "@/components/report-editor/report-editor";
import { ClerkBar } from "./clerk-bar";
import { CommentsProvider, type CommentActions } from "./comments-context";
import { composerDraftKey, useDraft } from "./comment-drafts";
import type { ActionResult, ReviewInfo } from "./review-common";

// Drawn on the server like the rest; their code loads only on a page that shows them: the reviewer's bar on a
// reviewer's page, the comments beside a report that has comments or may get them. A clerk's draft without
// comments loads neither.
const ReviewBar = dynamic(() => import("./review-bar").then((m) => m.ReviewBar));
const CommentsPanel = dynamic(() => import("./comments-panel").then((m) => m.CommentsPanel));

export type ReviewServerActions = {
  submit: (input: { reportId: string; baseVersion: number }) => Promise<ActionResult>;
  withdraw: (input: { reportId: string }) => Promise<ActionResult>;
  startReview: (input: { reportId: string }) => Promise<ActionResult>;
  return: (input: { reportId: string; comment: string; baseVersion?: number }) => Promise<ActionResult>;
  approve: (input: { reportId: string; baseVersion?: number }) => Promise<ActionResult>;
  publish: (input: { reportId: string; baseVersion?: number }) => Promise<ActionResult>;
  addComment: (input: { reportId: string; anchor?: string; body: string; parentId?: string | null }) => Promise<ActionResult>;
  resolveComment: (input: { commentId: string; resolved: boolean }) => Promise<ActionResult>;
};

/**
 * The report page's client part: the clerk's or the reviewer's bar, the change summary, and the
 * editor with the comments beside the commented places. Everything shown comes from the server
 * (the page re-renders after every action); the editor is re-created when the status changes.
 */
export function ReviewWorkspace(props: {
  reportId: string;
  mode: "clerk" | "reviewer" | "viewer";
  review: ReviewInfo;
  threads: CommentThread[];
  rights: CommentRights;
  historyHref: string | null;
  /** rendered between the bar and the editor (the reviewer's change summary) */
  summary?: ReactNode;
  editor: Omit<ReportEditorProps, "submitAction" | "sidePanel">;
  actions: ReviewServerActions;
}) {
  const { reportId, actions, review, threads } = props;
  const unresolved = threads.filter((t) => !t.resolved).length;
  const commentActions = useMemo<CommentActions>(
    () => ({
      add: (input) => actions.addComment({ reportId, ...input }),
      resolve: (input) => actions.resolveComment(input),
    }),
    [actions, reportId],
  );
  // also with no thread and no right to comment, when a comment typed here is still unsent (the clerk
  // withdrew meanwhile): the panel shows it rather than hide it
  const [heldDraft] = useDraft(composerDraftKey(reportId));
  const showComments = threads.length > 0 || props.rights.comment || heldDraft !== "";
  return (
    <CommentsProvider
      threads={threads}
      canComment={props.rights.comment}
      canReply={props.rights.reply}
      reason={props.rights.reason}
      actions={commentActions}
    >
      <div className="space-y-4">
        {props.mode === "reviewer" && (
          <ReviewBar
            reportId={reportId}
            title={`${props.editor.initialContent.header.organName.trim()}${reportTitleSuffix(props.editor.year)}`}
            year={props.editor.year}
            signDate={props.editor.initialContent.header.signDate}
            review={review}
            unresolved={unresolved}
            historyHref={props.historyHref}
            actions={{ startReview: actions.startReview, return: actions.return, approve: actions.approve, publish: actions.publish }}
          />
        )}
        {props.mode === "clerk" && (
          <ClerkBar
            reportId={reportId}
            review={review}
            unresolved={unresolved}
            historyHref={props.historyHref}
            withdraw={actions.withdraw}
          />
        )}
        {props.summary}
        <ReportEditor
          key={`${reportId}:${review.status}`}
          {...props.editor}
          submitAction={props.mode === "clerk" ? actions.submit : undefined}
          sidePanel={showComments ? <CommentsPanel /> : undefined}
        />
      </div>
    </CommentsProvider>
  );
}
