// The four fuzz targets of issue 12 item 5. Each `check*` runs one case and returns null when the case
// behaved, or a description of what went wrong: `crash` (an exception escaped) or `server_error` (a 500-class
// answer), or `bad` (no Chinese message, data stored half-way, unescaped markup …). Shared by the vitest fuzz
// tests (fixed seed, ~200 runs) and bench/fuzz.ts (≥ 10,000 runs each).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { unzipSync } from "fflate";
import { parseFragment } from "parse5";
import { contentFields, fieldEquals, fieldValue, parseDraft, type FieldValue, type SaveResult } from "@/lib/report";
import { isMultiCellPaste, parsePastedGrid, planPaste, pasteNotice } from "@/lib/report/paste";
import { CELLS, emptyContent, TABLES, TEXT_FIELDS, type ReportContent } from "@/lib/template";
import { importReportFile } from "@/lib/import";
import { buildViewModel } from "@/lib/export/build-view-model";
import { renderDocx } from "@/lib/export/docx/render";
import { renderPdf } from "@/lib/export/pdf/render";
import { ReportHtml } from "@/components/public/report-html";
import type { Db } from "@/lib/server/db-core";
import { runSaveAction } from "@/lib/server/save-action";
import type { Actor } from "@/lib/server/types";
import { hasChinese, mutatedBytes, nastyString } from "./arbitraries";

export type Failure = { kind: "crash" | "server_error" | "bad"; message: string };
const crash = (e: unknown): Failure => ({ kind: "crash", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
const bad = (message: string): Failure => ({ kind: "bad", message });

const root = path.resolve(import.meta.dirname, "..", "..");

// ---------------------------------------------------------------------------------------------------------
// (a) the autosave action's payload against a scratch database

const REFS = [...contentFields(emptyContent("示范县城关镇人民政府", 2024)).keys(), "ack.T1:s1", "source.t2.r1.c1", "header.titleBreak"];
const HUGE = [199_999, 200_000, 200_001, 1_000_000];

const fieldValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString() },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE).chain((n) => fc.constantFrom("字", "a", "\ud800", "<").map((c) => c.repeat(n))) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(NaN, -1, -0, Infinity, -Infinity, 2 ** 53)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.record(
      { charged: fc.oneof(fc.boolean(), fc.constant(null), fc.string()), pieces: fc.oneof(nastyString(3), fc.integer()), amount: fc.oneof(nastyString(3), fc.double()) },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

const changeArb = fc.record(
  {
    ref: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...REFS) }, { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constant(""), fc.constant("x".repeat(301)), fc.integer()) }),
    base: fieldValueArb,
    value: fieldValueArb,
    /** use the stored value as base (so the change applies instead of conflicting) */
    current: fc.boolean(),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 1 }), { maxKeys: 3 }), { nil: undefined }),
  },
  { requiredKeys: ["ref", "value", "current"] },
);

export const savePayloadArb = fc.record({
  reportId: fc.oneof({ weight: 8, arbitrary: fc.constant("$REPORT") }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) }),
  baseVersion: fc.oneof({ weight: 6, arbitrary: fc.constant("$VERSION") }, { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -5, max: 1e6 }), fc.double(), fc.constantFrom(NaN, -1, "1", null)) }),
  changes: fc.oneof({ weight: 8, arbitrary: fc.array(changeArb, { maxLength: 12 }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) }),
  shape: fc.constantFrom("object", "object", "object", "object", "null", "array", "string", "unknown-keys"),
});
export type SavePayload = typeof savePayloadArb extends fc.Arbitrary<infer T> ? T : never;

export type SaveTarget = { db: Db; user: Actor; reportId: string };

async function storedReport(t: SaveTarget) {
  const row = await t.db.report.findUniqueOrThrow({ where: { id: t.reportId }, select: { content: true, version: true } });
  return { json: row.content, version: row.version, content: JSON.parse(row.content) as ReportContent };
}

/** Builds the action's input from `p` and what is stored now (so that many changes apply). */
function saveInput(p: SavePayload, stored: { version: number; content: ReportContent }, reportId: string): unknown {
  const changes = Array.isArray(p.changes)
    ? (p.changes as unknown[]).map((x) => {
        if (typeof x !== "object" || x === null || !("current" in x)) return x; // fc.anything: passed as it is
        const c = x as Record<string, unknown>;
        const out: Record<string, unknown> = { ...(c.extra as object | undefined), ref: c.ref, value: c.value };
        if ("base" in c) out.base = c.current && typeof c.ref === "string" ? (fieldValue(stored.content, c.ref) ?? null) : c.base;
        return out;
      })
    : p.changes;
  const body = {
    reportId: p.reportId === "$REPORT" ? reportId : p.reportId,
    baseVersion: p.baseVersion === "$VERSION" ? stored.version : p.baseVersion,
    changes,
  };
  switch (p.shape) {
    case "null":
      return null;
    case "array":
      return [body];
    case "string":
      return JSON.stringify(body);
    case "unknown-keys":
      return { ...body, __proto__x: 1, constructor: "x", extra: [1, 2] };
    default:
      return body;
  }
}

export async function checkSave(t: SaveTarget, p: SavePayload): Promise<Failure | null> {
  const before = await storedReport(t);
  const input = saveInput(p, before, t.reportId);
  let r: SaveResult;
  try {
    r = await runSaveAction(input, async () => t.user, t.db);
  } catch (e) {
    return crash(e);
  }
  const after = await storedReport(t);
  if (!r || typeof r !== "object" || typeof r.ok !== "boolean") return bad(`not a SaveResult: ${JSON.stringify(r)}`);
  if (!r.ok) {
    if (r.code === "ERROR") return { kind: "server_error", message: r.message };
    if (!hasChinese(r.message)) return bad(`refused without a Chinese message: ${r.message}`);
    if (after.json !== before.json || after.version !== before.version) return bad(`refused (${r.message}) but the report changed`);
    return null;
  }
  for (const x of r.rejected) {
    if (!hasChinese(x.message)) return bad(`field ${x.ref} refused without a Chinese message: ${x.message}`);
    const b: FieldValue | undefined = fieldValue(before.content, x.ref);
    const a: FieldValue | undefined = fieldValue(after.content, x.ref);
    if (!fieldEquals(a, b)) return bad(`field ${x.ref} was refused but its stored value changed`);
  }
  if (!parseDraft(after.content).ok) return bad("the stored content is no longer a valid draft");
  if (after.version < before.version) return bad("the version went back");
  if (after.json !== before.json && after.version === before.version) return bad("the content changed without a new version");
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// (b) the importer: random bytes, mutated real PDF/DOCX/TXT/HTML

function readFixtures(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  const dirs = [path.join(root, "tests", "fixtures", "import"), path.join(root, "tests", "fixtures", "samples"), "/work/shared/samples"];
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names) if (/\.(pdf|docx|txt|html?)$/i.test(n)) out.push({ name: n, bytes: new Uint8Array(readFileSync(path.join(dir, n))) });
  }
  return out;
}

let fixtures: { name: string; bytes: Uint8Array }[] | null = null;
export function importFixtures() {
  fixtures ??= readFixtures();
  return fixtures;
}

export const importInputArb = (): fc.Arbitrary<{ bytes: Uint8Array; name: string }> => {
  const files = importFixtures();
  const names = fc.constantFrom("上年报告.pdf", "report.docx", "报告.txt", "page.html", "noext", "x.PDF", "scan.jpg", "a.doc");
  const byKind = (re: RegExp) => files.filter((f) => re.test(f.name)).map((f) => f.bytes);
  const pdfs = byKind(/\.pdf$/i);
  const docxs = byKind(/\.docx$/i);
  const texts = byKind(/\.(txt|html?)$/i);
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ bytes: fc.uint8Array({ maxLength: 4096 }), name: names }) },
    { weight: 1, arbitrary: fc.record({ bytes: fc.constantFrom("%PDF-1.7\n", "PK\u0003\u0004", "\ufeff", "<html>").chain((h) => fc.uint8Array({ maxLength: 2048 }).map((b) => concatText(h, b))), name: names }) },
    { weight: 3, arbitrary: fc.record({ bytes: mutatedBytes(pdfs), name: fc.constantFrom("上年报告.pdf", "x.bin") }) },
    { weight: 3, arbitrary: fc.record({ bytes: mutatedBytes(docxs), name: fc.constantFrom("上年报告.docx", "x.zip") }) },
    { weight: 3, arbitrary: fc.record({ bytes: mutatedBytes(texts), name: fc.constantFrom("上年报告.txt", "page.html") }) },
    { weight: 2, arbitrary: fc.record({ bytes: nastyString(40).map((s) => new TextEncoder().encode(s)), name: fc.constantFrom("a.txt", "a.html") }) },
  );
};

function concatText(head: string, b: Uint8Array): Uint8Array {
  const h = new TextEncoder().encode(head);
  const out = new Uint8Array(h.length + b.length);
  out.set(h);
  out.set(b, h.length);
  return out;
}

export async function checkImport(input: { bytes: Uint8Array; name: string }): Promise<Failure | null> {
  let r;
  try {
    r = await importReportFile(input.bytes, input.name, { expectedOrganName: "示范县城关镇人民政府", expectedYear: 2023 });
  } catch (e) {
    return crash(e);
  }
  if (!r || typeof r !== "object") return bad("no result");
  if (!r.ok && !hasChinese(r.message)) return bad(`error without a Chinese message: ${r.message}`);
  if (r.ok) {
    try {
      JSON.stringify(r);
    } catch (e) {
      return crash(e);
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// (c) the paste parser

const INPUT_STARTS = TABLES.flatMap((t) => [...CELLS.values()].filter((c) => c.table === t.id && !c.computed).map((c) => ({ table: t, id: c.id })));

export const pasteInputArb = fc.record({
  text: fc.oneof(
    nastyString(30),
    fc
      .tuple(
        fc.array(fc.array(fc.oneof(nastyString(3), fc.constantFrom('"', '""', '"a\tb"', '"x\ny"', "", "12")), { maxLength: 8 }), { maxLength: 8 }),
        fc.constantFrom("\n", "\r\n", "\r"),
      )
      .map(([g, eol]) => g.map((r) => r.join("\t")).join(eol)),
  ),
  /** a clean grid (no tabs, breaks or quotes in its cells) that must come back as it went in */
  grid: fc.array(fc.array(fc.string({ maxLength: 6 }).map((s) => s.replace(/[\t\r\n"]/g, "")), { minLength: 1, maxLength: 6 }), { maxLength: 6 }),
  start: fc.integer({ min: 0, max: INPUT_STARTS.length - 1 }),
});

export function checkPaste(input: { text: string; grid: string[][]; start: number }): Failure | null {
  try {
    const grid = parsePastedGrid(input.text);
    if (!Array.isArray(grid) || grid.some((r) => !Array.isArray(r) || r.some((c) => typeof c !== "string"))) return bad("not a grid of strings");
    isMultiCellPaste(grid);
    const { table, id } = INPUT_STARTS[input.start]!;
    const plan = planPaste(table, id, grid);
    const pasted = grid.reduce((n, r) => n + r.length, 0);
    if (plan.writes.length + plan.skippedComputed + plan.ignored !== pasted) return bad("pasted values lost in the plan");
    for (const w of plan.writes) {
      const cell = CELLS.get(w.id);
      if (!cell || cell.computed || cell.table !== table.id) return bad(`plan writes ${w.id}, not an input cell of ${table.id}`);
      if (typeof w.value !== "string") return bad("a non-string value");
    }
    const notice = pasteNotice(plan);
    if (notice !== null && !hasChinese(notice)) return bad("notice without Chinese");
    // round trip: a clean grid written as Excel does comes back as it was (trailing empty rows aside)
    const clean = input.grid;
    const back = parsePastedGrid(clean.map((r) => r.join("\t")).join("\r\n") + "\r\n");
    const trimmed = [...clean];
    while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.every((c) => c === "") && trimmed[trimmed.length - 1]!.length <= 1) trimmed.pop();
    if (JSON.stringify(back) !== JSON.stringify(trimmed)) return bad(`round trip: ${JSON.stringify(clean)} → ${JSON.stringify(back)}`);
  } catch (e) {
    return crash(e);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// (d) hostile text through the portal page, the DOCX and the PDF

export const textContentArb = fc.record({
  organ: nastyString(4),
  texts: fc.array(nastyString(10), { minLength: TEXT_FIELDS.length, maxLength: TEXT_FIELDS.length }),
  cell: nastyString(2),
  signDate: nastyString(3),
});
export type TextContent = typeof textContentArb extends fc.Arbitrary<infer T> ? T : never;

function hostileContent(x: TextContent): ReportContent {
  const c = emptyContent(`示范县${x.organ}`, 2024);
  const firstCell = [...CELLS.values()].find((k) => !k.computed)!.id;
  return {
    ...c,
    header: { ...c.header, organName: `示范县${x.organ}`, signDate: x.signDate },
    text: Object.fromEntries(TEXT_FIELDS.map((f, i) => [f.id, x.texts[i] ?? ""])),
    cells: { ...c.cells, [firstCell]: x.cell },
  };
}

// Markup a hostile text could smuggle in: any element other than the component's own, an event handler,
// a javascript: URL. The component renders only these elements.
const OWN_TAGS = new Set(["article", "section", "header", "footer", "h1", "h2", "h3", "p", "div", "table", "colgroup", "col", "caption", "thead", "tbody", "tr", "th", "td", "span", "br"]);
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parses the HTML as a browser would (parse5) and walks it: only the component's own elements, no handlers. */
function checkPortalHtml(html: string): Failure | null {
  type Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };
  const stack: Node[] = [parseFragment(html) as unknown as Node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.tagName !== undefined && !OWN_TAGS.has(n.tagName)) return bad(`portal HTML holds a <${n.tagName}> element`);
    for (const a of n.attrs ?? []) {
      if (/^on/i.test(a.name)) return bad(`portal HTML holds an event handler ${a.name}`);
      if (/^\s*javascript:/i.test(a.value)) return bad("portal HTML holds a javascript: URL");
    }
    stack.push(...(n.childNodes ?? []));
  }
  return null;
}

/** The portal (React → HTML, as /public/reports/[id] renders it), the DOCX (unless docx: false), the PDF when `pdf`. */
export async function checkExport(x: TextContent, opts: { docx?: boolean; pdf: boolean }): Promise<Failure | null> {
  const content = hostileContent(x);
  let vm;
  try {
    vm = buildViewModel({ year: 2024, status: "PUBLISHED", content });
  } catch (e) {
    return crash(e);
  }
  try {
    const html = renderToStaticMarkup(createElement(ReportHtml, { vm }));
    const f = checkPortalHtml(html);
    if (f) return f;
  } catch (e) {
    return crash(e);
  }
  if (opts.docx !== false) try {
    const docx = await renderDocx(vm);
    const files = unzipSync(new Uint8Array(docx));
    const xml = new TextDecoder("utf-8", { fatal: true }).decode(files["word/document.xml"]!);
    if (XML_ILLEGAL.test(xml)) return bad("document.xml holds characters XML forbids (Word refuses the file)");
    if (/<script|<img|<svg/i.test(xml)) return bad("document.xml holds raw markup from a text");
    for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^]*?)<\/w:t>/g)) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[1]!)) return bad("document.xml holds an unescaped &");
    }
  } catch (e) {
    return crash(e);
  }
  if (opts.pdf) {
    try {
      const pdf = await renderPdf(vm);
      if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") return bad("the PDF is not a PDF");
    } catch (e) {
      return crash(e);
    }
  }
  return null;
}
