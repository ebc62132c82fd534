"use client";

import { useState, type ComponentProps } from "react";
import dynamic from "next/dynamic";
import type { Dialog as DialogPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";

/*
 * The dialog primitives (dialog-impl.tsx: Radix's focus trap, dismissable layer, scroll lock) load the
 * first time a dialog opens: no page pays for them up front. Every dialog here is controlled (`open`).
 */
const Root = dynamic(() => import("./dialog-impl").then((m) => m.Dialog), { ssr: false });
export const DialogContent = dynamic(() => import("./dialog-impl").then((m) => m.DialogContent), { ssr: false });
export const DialogTitle = dynamic(() => import("./dialog-impl").then((m) => m.DialogTitle), { ssr: false });
export const DialogDescription = dynamic(() => import("./dialog-impl").then((m) => m.DialogDescription), { ssr: false });

/** A controlled dialog: nothing is loaded or mounted until it first opens; then it stays mounted (closing gives the focus back). */
export function Dialog(props: ComponentProps<typeof DialogPrimitive.Root>) {
  const [used, setUsed] = useState(false);
  if (props.open && !used) setUsed(true);
  return used || props.open ? <Root {...props} /> : null;
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("border-b border-slate-100 px-5 py-4 pr-10", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 px-5 py-3", className)} {...props} />;
}
