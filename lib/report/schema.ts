/**
 * zod schemas derived from the template: a lenient draft schema (what autosave accepts: any text within
 * limits, cells as typed) and a strict submit schema (every cell a valid value). One schema serves the
 * form and the server action.
 */
import { z } from "zod";
import { CELLS, INPUT_CELLS, TEXT_FIELDS, type ReportContent } from "@/lib/template";
import {
  ACK_KEY_MAX_CHARS,
  ACK_MAX_CHARS,
  CELL_STORE_MAX_CHARS,
  HEADER_FIELDS,
  STORE_FACTOR,
  TEXT_STORE_MAX_CHARS,
} from "./content-fields";
import { MAX_CELL_CHARS, readCell } from "./values";

// No eval in the browser: zod compiles object parsers with `new Function` unless told not to, and there
// even its probe for eval is a violation of the Content-Security-Policy (proxy.ts: no 'unsafe-eval'). The
// editor's bundle has no zod (lib/report/client.ts), but a page that does import this module stays safe.
// On the server the compiled parsers stay on: every autosave parses the whole draft (bench:load).
z.config({ jitless: typeof window !== "undefined" });

// Drafts accept what the server may store (lib/report/content-fields.ts): a text over the format's limit
// is kept and flagged by rule E8 instead of being refused, so nothing typed is lost.
const tooLong = (what: string, max: number) => `${what}不能超过 ${max} 个字符`;
const text = (what: string, max: number) =>
  z.string().refine((s) => s.length <= max || [...s].length <= max, tooLong(what, max));
const headerText = (k: keyof typeof HEADER_FIELDS) => text(HEADER_FIELDS[k].label, HEADER_FIELDS[k].max * STORE_FACTOR);

const cellShape = Object.fromEntries(
  INPUT_CELLS.map((c) => [c.id, text(c.name, CELL_STORE_MAX_CHARS).default("")]),
);
const textShape = Object.fromEntries(TEXT_FIELDS.map((f) => [f.id, text(f.label, TEXT_STORE_MAX_CHARS).default("")]));

export const feeSchema = z.object({
  charged: z.boolean().nullable(),
  pieces: z.string().max(MAX_CELL_CHARS),
  amount: z.string().max(MAX_CELL_CHARS),
});

export const draftContentSchema = z.object({
  header: z.object({
    organName: headerText("organName"),
    titleBreak: z.number().int().min(0).max(200).nullable(),
    opening: headerText("opening"),
    signDate: headerText("signDate"),
  }),
  text: z.object(textShape).strict(),
  fee: feeSchema,
  cells: z.object(cellShape).strict(),
  acknowledgements: z.record(z.string().max(ACK_KEY_MAX_CHARS), text("确认理由", ACK_MAX_CHARS)).default({}),
  sourceTotals: z
    .record(
      z.string().refine((id) => CELLS.get(id)?.computed === true, "未知的合计单元格"),
      z.string().max(MAX_CELL_CHARS),
    )
    .optional(),
});

/** Submit: every input cell must hold a valid value (blank is not zero). */
export const submitContentSchema = draftContentSchema.superRefine((content, ctx) => {
  for (const c of INPUT_CELLS) {
    const r = readCell(content.cells[c.id], c.kind);
    if (r.state !== "valid")
      ctx.addIssue({
        code: "custom",
        path: ["cells", c.id],
        message: r.state === "blank" ? `${c.name}未填写` : `${c.name}：${r.message}`,
      });
  }
});

export type DraftContent = z.infer<typeof draftContentSchema>;

/** Parse stored or submitted content; returns the typed content or Chinese messages naming the fields. */
export function parseDraft(input: unknown):
  | { ok: true; content: ReportContent }
  | { ok: false; messages: string[] } {
  const r = draftContentSchema.safeParse(input);
  if (r.success) return { ok: true, content: r.data as ReportContent };
  return { ok: false, messages: r.error.issues.map((i) => i.message) };
}
