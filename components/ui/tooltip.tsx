"use client";

import * as React from "react";
import { cn } from "@/lib/utils";

/** Kept for the callers' structure: the tooltips need no provider. */
export function TooltipProvider({ children }: { children: React.ReactNode; delayDuration?: number }) {
  return <>{children}</>;
}

const SIDE: Record<"top" | "bottom" | "left" | "right", string> = {
  top: "bottom-full left-1/2 mb-1.5 -translate-x-1/2",
  bottom: "top-full left-1/2 mt-1.5 -translate-x-1/2",
  left: "right-full top-1/2 mr-1.5 -translate-y-1/2",
  right: "left-full top-1/2 ml-1.5 -translate-y-1/2",
};
/** above or below, its right edge on the trigger's: for a trigger near the right edge of the window */
const END: Record<"top" | "bottom", string> = {
  top: "bottom-full right-0 mb-1.5",
  bottom: "top-full right-0 mt-1.5",
};

/**
 * A small dark tooltip; wrap a focusable trigger (a disabled button needs a wrapping span). Shown while
 * the pointer is over the trigger or the keyboard focus is in it, after a short delay — plain CSS (no
 * positioning library in the page's first load).
 */
export function Tooltip({
  content,
  children,
  side = "top",
  align = "center",
  className,
}: {
  content: React.ReactNode;
  children: React.ReactNode;
  side?: "top" | "bottom" | "left" | "right";
  /** "end": the tooltip extends leftwards from the trigger's right edge (top or bottom only) */
  align?: "center" | "end";
  className?: string;
}) {
  if (!content) return <>{children}</>;
  return (
    <span className="group/tooltip relative inline-flex">
      {children}
      <span
        role="tooltip"
        className={cn(
          "pointer-events-none invisible absolute z-50 w-max max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-5 font-normal whitespace-normal text-white opacity-0 shadow-md transition-opacity",
          "group-hover/tooltip:visible group-hover/tooltip:opacity-100 group-hover/tooltip:delay-200 group-focus-within/tooltip:visible group-focus-within/tooltip:opacity-100 group-focus-within/tooltip:delay-200",
          align === "end" && (side === "top" || side === "bottom") ? END[side] : SIDE[side],
          className,
        )}
      >
        {content}
      </span>
    </span>
  );
}
