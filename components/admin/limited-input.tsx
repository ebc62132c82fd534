"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";

/** 「最多 N 个字」 for a field's hint; `unit` 字符 where the field takes letters and digits (用户名). */
export function limitHint(max: number, unit: "字" | "字符" = "字") {
  return `最多 ${max} 个${unit}`;
}

/**
 * A pasted text longer than the field takes is cut by maxLength without a word; this says so. The text that fits
 * is put in (as maxLength would), and the field's message names the field, its limit and how much was cut:
 * 「机关全称最多 60 个字，粘贴的内容已截去 346 个字。」 Cleared by a paste that fits or by typing below the limit.
 */
export function usePasteLimit(label: string, max: number, unit: "字" | "字符" = "字") {
  const [message, setMessage] = useState<string | null>(null);
  const onPaste = (ev: React.ClipboardEvent<HTMLInputElement>) => {
    const input = ev.currentTarget;
    // a one-line input drops the pasted line breaks
    const pasted = ev.clipboardData.getData("text/plain").replace(/[\r\n]+/g, "");
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const room = Math.max(0, max - (input.value.length - (end - start)));
    if (pasted.length <= room) {
      setMessage(null);
      return;
    }
    ev.preventDefault();
    let kept = pasted.slice(0, room);
    if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1); // not half of a character outside the BMP
    // as typed, so that Ctrl+Z takes it back; where the browser has no insertText, put it in directly
    if (!(kept && document.execCommand?.("insertText", false, kept))) {
      input.setRangeText(kept, start, end, "end");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    setMessage(`${label}最多 ${max} 个${unit}，粘贴的内容已截去 ${pasted.length - kept.length} 个${unit}。`);
  };
  const onInput = (ev: React.FormEvent<HTMLInputElement>) => {
    if (message && ev.currentTarget.value.length < max) setMessage(null);
  };
  return { message, onPaste, onInput };
}

/** An <Input> with maxLength `max` that says when a paste was cut (usePasteLimit), the message under it. */
export function LimitedInput({
  id,
  label,
  max,
  unit = "字",
  ...props
}: Omit<React.ComponentProps<typeof Input>, "maxLength" | "onPaste" | "onInput"> & {
  id: string;
  label: string;
  max: number;
  unit?: "字" | "字符";
}) {
  const { message, onPaste, onInput } = usePasteLimit(label, max, unit);
  return (
    <>
      <Input id={id} maxLength={max} onPaste={onPaste} onInput={onInput} {...props} />
      {message ? (
        <p id={`${id}-cut`} role="status" className="text-xs text-amber-800" data-testid={`${id}-cut`}>
          {message}
        </p>
      ) : null}
    </>
  );
}
