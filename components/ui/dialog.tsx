"use client";

import { useEffect, useState, type ComponentProps } from "react";
import type { Dialog as DialogPrimitive } from "radix-ui";
import { cn } from "@/lib/utils";

/*
 * The dialog primitives (dialog-impl.tsx: Radix's focus trap, dismissable layer, scroll lock) load the
 * first time a dialog opens: no page pays for them up front. The dialog mounts once they are all
 * there, so that it opens whole — named by its title when the focus moves in. Every dialog here is
 * controlled (`open`).
 */
type Impl = typeof import("./dialog-impl");
let impl: Impl | null = null;
let loading: Promise<Impl> | null = null;
const load = () => (loading ??= import("./dialog-impl").then((m) => (impl = m)));

/** A controlled dialog: nothing is loaded or mounted until it first opens; then it stays mounted (closing gives the focus back). */
export function Dialog(props: ComponentProps<typeof DialogPrimitive.Root>) {
  const [used, setUsed] = useState(false);
  const [, setLoaded] = useState(impl !== null);
  if (props.open && !used) setUsed(true);
  useEffect(() => {
    if (used && !impl) void load().then(() => setLoaded(true));
  }, [used]);
  if (!used || !impl) return null;
  const Root = impl.Dialog;
  return <Root {...props} />;
}

// Rendered only inside a mounted Dialog, i.e. once the primitives are loaded.
export function DialogContent(props: ComponentProps<Impl["DialogContent"]>) {
  const Part = impl!.DialogContent;
  return <Part {...props} />;
}
export function DialogTitle(props: ComponentProps<Impl["DialogTitle"]>) {
  const Part = impl!.DialogTitle;
  return <Part {...props} />;
}
export function DialogDescription(props: ComponentProps<Impl["DialogDescription"]>) {
  const Part = impl!.DialogDescription;
  return <Part {...props} />;
}

export function DialogHeader({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("border-b border-slate-100 px-5 py-4 pr-10", className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 px-5 py-3", className)} {...props} />;
}
