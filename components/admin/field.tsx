import { cn } from "@/lib/utils";

/** A labelled form field with its error message (ids wired for aria-describedby). */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1 text-sm", className)}>
      <label htmlFor={id} className="font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

/** aria attributes of an input whose Field shows `error`. */
export function errorProps(id: string, error: string | undefined) {
  return error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

export const selectClass =
  "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs " +
  "focus-visible:border-blue-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600/25 " +
  "aria-invalid:border-red-500 disabled:cursor-not-allowed disabled:bg-slate-50";

/** The form's overall result line. */
export function FormMessage({ ok, message, testId }: { ok: boolean; message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p
      role={ok ? "status" : "alert"}
      data-testid={testId}
      data-form-message=""
      tabIndex={-1}
      className={cn(
        "rounded-md border px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-600",
        ok ? "border-green-200 bg-green-50 text-green-800" : "border-red-200 bg-red-50 text-red-700",
      )}
    >
      {message}
    </p>
  );
}
