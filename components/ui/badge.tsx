import * as React from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "@/lib/utils";

export const badgeVariants = cva(
  "inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium [&_svg]:size-3",
  {
    variants: {
      variant: {
        default: "bg-blue-50 text-blue-800 ring-1 ring-inset ring-blue-200",
        secondary: "bg-slate-100 text-slate-700 ring-1 ring-inset ring-slate-200",
        error: "bg-red-50 text-red-700 ring-1 ring-inset ring-red-200",
        warning: "bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200",
        success: "bg-emerald-50 text-emerald-700 ring-1 ring-inset ring-emerald-200",
      },
    },
    defaultVariants: { variant: "default" },
  },
);

export function Badge({
  className,
  variant,
  ...props
}: React.ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ variant }), className)} {...props} />;
}
