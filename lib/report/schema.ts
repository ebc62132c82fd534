/**
 * zod schemas derived from the template: a lenient draft schema (what autosave accepts: any text within
 * limits, cells as typed) and a strict submit schema (every cell a valid value). One schema serves the
 * form and the server action.
 */
import { z } from "zod";
import { CELLS, INPUT_CELLS, TEXT_FIELDS, TEXT_FIELD_MAX_CHARS, type ReportContent } from "@/lib/template";
import { MAX_CELL_CHARS, readCell } from "./values";

const tooLong = (what: string, max: number) => `${what}不能超过 ${max} 个字符`;
const text = (what: string, max = TEXT_FIELD_MAX_CHARS) => z.string().max(max, tooLong(what, max));

const cellShape = Object.fromEntries(
  INPUT_CELLS.map((c) => [c.id, z.string().max(MAX_CELL_CHARS, tooLong(c.name, MAX_CELL_CHARS)).default("")]),
);
const textShape = Object.fromEntries(TEXT_FIELDS.map((f) => [f.id, text(f.label).default("")]));

export const feeSchema = z.object({
  charged: z.boolean().nullable(),
  pieces: z.string().max(MAX_CELL_CHARS),
  amount: z.string().max(MAX_CELL_CHARS),
});

export const draftContentSchema = z.object({
  header: z.object({
    organName: text("署名（机关全称）", 100),
    titleBreak: z.number().int().min(0).max(200).nullable(),
    opening: text("开头段落", 5000),
    signDate: text("成文日期", 30),
  }),
  text: z.object(textShape).strict(),
  fee: feeSchema,
  cells: z.object(cellShape).strict(),
  acknowledgements: z.record(z.string().max(200), text("确认理由", 500)).default({}),
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
