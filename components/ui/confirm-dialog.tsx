"use client";

import { useLayoutEffect, useRef } from "react";
import { Button } from "./button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "./dialog";

/**
 * "Are you sure?" for an action that cannot be taken back (停用账号, 删除申请…), in the app's own dialog
 * instead of the browser's confirm box: named by its title, the focus on 取消 first (Enter does not
 * destroy by accident), Esc cancels, and the focus goes back to the button that asked.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  cancelLabel = "取消",
  onConfirm,
  onCancel,
  testId,
}: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  /** the button that keeps things as they are (取消) */
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  // the element that had the focus when the dialog was asked for (the button), focused again on close:
  // Radix gives the focus back only to a Dialog.Trigger
  const opener = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement) opener.current = document.activeElement;
  }, [open]);
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onCancel()}>
      <DialogContent
        className="w-[min(96vw,28rem)]"
        data-testid={testId}
        showClose={false}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          if (opener.current?.isConnected) opener.current.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button type="button" variant="destructive" onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
