/**
 * importReportText: the plain text of a published report (tables as tab-separated rows or one cell per
 * line) → a nianbao draft with notes on everything uncertain. Pure: no I/O.
 */
import {
  SECTIONS,
  T2_BLOCKS,
  T2_CONTENT_LABEL,
  T3_APPLICANT_HEADER,
  T3_CORNER,
  T3_ROWS,
  T4_LITIGATION_HEADER,
  T4_REVIEW_HEADER,
  TEMPLATE_BASIS,
  TEXT_FIELDS,
  emptyContent,
  sectionHeading,
  t2CellId,
  type ReportContent,
  type SectionKey,
} from "@/lib/template";
import { feeFromText, findSignature, findTitle, oldFormatMarkers, yearFromText } from "./header";
import { restoreStructure } from "./flat";
import { joinBrokenParagraphs, toLines, type Line } from "./lines";
import { core, norm } from "./normalize";
import { splitSectionOne } from "./section-one";
import { planSections, type HeadingHit } from "./sections";
import { names, parseTable2, parseTable3, parseTable4, type TableOutput } from "./tables";
import { sentenceHints, type TieBreakContext } from "./tiebreak";
import { verifyTables } from "./verify";
import type { ImportFormat, ImportNote, ImportOptions, ImportResult } from "./types";
import { chinaYear } from "@/lib/labels";

/** The start of table 三's corner note ("本列数据的勾稽关系为"), without its parentheses. */
const CORNER_START = norm(T3_CORNER).replace(/^\(/, "").slice(0, 8);

/** Text that marks the start of each table, used to tell a table section's heading from a sub-heading. */
const TABLE_START: ReadonlyMap<SectionKey, string[]> = new Map<SectionKey, string[]>([
  ["s2", [norm(T2_BLOCKS[0]!.title).slice(0, 4), norm(T2_CONTENT_LABEL)]],
  ["s3", [norm(T3_APPLICANT_HEADER), CORNER_START, core(T3_ROWS[0]!.label)]],
  ["s4", [norm(T4_REVIEW_HEADER), norm(T4_LITIGATION_HEADER)]],
]);

const TABLE_PARSERS: Partial<Record<SectionKey, (lines: readonly Line[], tie?: TieBreakContext) => TableOutput>> = {
  s2: parseTable2,
  s3: parseTable3,
  s4: parseTable4,
};

const TABLE_NAME: Partial<Record<SectionKey, string>> = { s2: "表二", s3: "表三", s4: "表四" };

const paragraphsOf = (lines: readonly Line[]) => joinBrokenParagraphs(lines.filter((l) => !l.blank).map((l) => l.text));

/** Prose in a table section (e.g. "该部分以表格形式报告。表格如下："): not part of the table. */
function isProse(l: Line): boolean {
  if (l.blank || l.cells.filter(Boolean).length !== 1) return false;
  const t = l.text;
  if (t.length < 6) return false;
  if (norm(t).includes(CORNER_START)) return false;
  return /[。]/.test(t) || /[：:]$/.test(t);
}

/** A sub-heading line about the fee alone ("（二）信息处理费收取情况"): no sentence punctuation, short. */
const FEE_HEADING = /^\s*\S{0,6}[^。！？，,]{0,16}处理费[^。！？，,]{0,10}$/;

/**
 * Section 六 without the fee sentence at [start, end): the rest of its line is kept; a line left empty goes,
 * and so does a fee sub-heading right above it that would otherwise head nothing.
 */
function removeFeeSentence(text: string, start: number, end: number): { text: string; heading: string | null } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lines = (before + after).split("\n");
  // The line the sentence was in, after removal.
  const at = before.split("\n").length - 1;
  let heading: string | null = null;
  const lineEmpty = (lines[at] ?? "").trim() === "";
  if (lineEmpty) {
    lines.splice(at, 1);
    const prev = lines[at - 1];
    const next = lines[at];
    // The heading heads nothing more when the next line is the end, another numbered sub-heading, or
    // text not about fees (e.g. the closing "本报告电子版可在…查阅").
    const headsNothing = next === undefined || /^\s*[（(][一二三四五六七八九十\d]+[)）]/.test(next) || !next.includes("费");
    if (prev !== undefined && FEE_HEADING.test(prev) && headsNothing) {
      heading = prev.trim();
      lines.splice(at - 1, 1);
    }
  } else {
    lines[at] = lines[at]!.replace(/\s{2,}/g, " ").trim();
  }
  return { text: lines.join("\n").replace(/\n{3,}/g, "\n\n").trim(), heading };
}

export function importReportText(source: string, opts: ImportOptions = {}): ImportResult {
  const restored = restoreStructure(source);
  const text = restored.text;
  const lines = toLines(text);
  const notes: ImportNote[] = [];
  if (restored.restored) {
    notes.push({
      kind: "other",
      message: "文件中的文字没有按原样分行（例如从网页复制的内容），已按章节标题和表格栏目名重新分段；网页的导航、发布时间等内容未导入。",
    });
  }
  const plan = planSections(lines, TABLE_START);
  const headings = plan.headings;
  const dropped = new Set<number>();

  // ---- title, opening ---------------------------------------------------------------------
  const firstHeading = headings[0]?.line ?? lines.length;
  const title = findTitle(lines, firstHeading);
  const titleEnd = title ? Math.max(...title.lines) + 1 : 0;

  for (const r of plan.rejected) {
    if (r.reason === "stray") {
      dropped.add(r.hit.line);
      notes.push({
        kind: "unplaced-paragraph",
        text: r.hit.text,
        message: `多余的标题行「${r.hit.text}」（另有带序号的同名标题）未导入。`,
      });
    } else if (r.reason === "duplicate") {
      dropped.add(r.hit.line);
      const s = SECTIONS.find((x) => x.key === r.hit.key)!;
      notes.push({
        kind: "duplicate-section",
        text: r.hit.text,
        message: `「${sectionHeading(s)}」出现了两次；第二个标题「${r.hit.text}」后面的内容已并入它之前的部分，请核对。`,
      });
    }
  }

  // ---- signature at the end ---------------------------------------------------------------
  const lastHeading = headings[headings.length - 1];
  const sig = lastHeading ? findSignature(lines, lastHeading.line + 1, title?.organName ?? null) : { lines: [], organName: null, date: null };
  for (const i of sig.lines) dropped.add(i);

  const regionOf = (h: HeadingHit, k: number): Line[] => {
    const end = headings[k + 1]?.line ?? lines.length;
    return lines.slice(h.line + 1, end).filter((l) => !dropped.has(l.i));
  };

  // ---- sections ---------------------------------------------------------------------------
  const year = title?.year ?? yearFromText(text) ?? null;
  const organFromFile = title?.organName ?? sig.organName ?? null;
  const headerOrgan = sig.organName ?? opts.expectedOrganName ?? title?.organName ?? "";
  const content: ReportContent = emptyContent(headerOrgan, year ?? opts.expectedYear ?? chinaYear() - 1);
  content.sourceTotals = {};

  const openingLines = lines.slice(titleEnd, firstHeading).filter((l) => !dropped.has(l.i));
  const opening = paragraphsOf(openingLines);
  if (opening.length > 0) content.header.opening = opening.join("\n");
  if (sig.date) content.header.signDate = sig.date;

  const tableText: string[] = [];
  const found = new Set<SectionKey>();
  const blankNotes: ImportNote[] = [];
  const tableNotes: ImportNote[] = [];
  const oldEvidence: string[] = [];
  let anyTable = false;

  // What the report's prose states (and last year's figures) decide run-together table 二 rows that the
  // cells alone cannot (tiebreak.ts).
  const tableLines = new Set<number>();
  headings.forEach((h, k) => {
    if (TABLE_PARSERS[h.key]) for (const l of regionOf(h, k)) tableLines.add(l.i);
  });
  const tie: TieBreakContext = {
    hints: sentenceHints(lines.filter((l) => !tableLines.has(l.i)).map((l) => l.text).join("\n")),
    lastYear: opts.lastYear ?? null,
    year,
  };

  headings.forEach((h, k) => {
    const region = regionOf(h, k);
    found.add(h.key);
    const parse = TABLE_PARSERS[h.key];
    if (parse) {
      const out = parse(region, tie);
      tableText.push(region.map((l) => l.raw).join("\n"));
      if (out.found) anyTable = true;
      Object.assign(content.cells, out.cells);
      Object.assign(content.sourceTotals!, out.sourceTotals);
      tableNotes.push(...out.notes);
      oldEvidence.push(...out.oldFormat);
      if (out.blankAsZero.length > 0) {
        blankNotes.push({
          kind: "blank-as-zero",
          cells: out.blankAsZero,
          message: `${TABLE_NAME[h.key]}有${out.blankAsZero.length}个单元格在原文中为空白或「/」「—」，已按 0 导入，请核对。`,
        });
      }
      if (!out.found) {
        notes.push({ kind: "other", message: `「${h.text}」下没有找到表格内容，${TABLE_NAME[h.key]}的单元格已留空。` });
      }
      for (const l of region) {
        if (!out.used.has(l.i) && isProse(l)) {
          notes.push({
            kind: "unplaced-paragraph",
            text: l.text,
            message: `${TABLE_NAME[h.key]}所在部分中的文字「${l.text}」不属于表格，未导入。`,
          });
        }
      }
      return;
    }
    const paras = paragraphsOf(region);
    if (h.key === "s1") {
      const r = splitSectionOne(paras);
      Object.assign(content.text, r.text);
      notes.push(...r.notes);
    } else {
      const field = TEXT_FIELDS.find((f) => f.section === h.key)!;
      content.text[field.id] = paras.join("\n");
    }
  });

  // ---- no silent cell: every sum checked against the printed totals ----------------------------
  const t2Ids = T2_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => t2CellId(r.id, c.id))));
  if (t2Ids.some((id) => (content.cells[id] ?? "") !== "")) {
    // A table 二 cell read nowhere (its row lost, or its number unreadable) is never left blank silently.
    const named = new Set([...tableNotes, ...blankNotes].flatMap((n) => n.cells ?? []));
    const missing = t2Ids.filter((id) => (content.cells[id] ?? "") === "" && !named.has(id));
    if (missing.length > 0)
      tableNotes.push({
        kind: "uncertain-cell",
        cells: missing,
        message: `表二中没有读到以下单元格（原文没有这一行或数字无法识别），已留空，请按原文填写：${names(missing)}。`,
      });
  }
  if (anyTable) tableNotes.push(...verifyTables(content.cells, content.sourceTotals).notes);

  // ---- section 六: the 信息处理费 -----------------------------------------------------------
  const s6 = TEXT_FIELDS.find((f) => f.section === "s6")!.id;
  const s6Text = content.text[s6] ?? "";
  const fee = feeFromText(s6Text);
  content.fee.charged = fee.charged;
  if (fee.charged !== null) {
    // The exports print the structured statement (feeStatement) at the top of 六: the file's own sentence
    // leaves the text so that it is never printed twice.
    const removed = removeFeeSentence(s6Text, fee.start, fee.end);
    content.text[s6] = removed.text;
    if (fee.charged) {
      content.fee.pieces = fee.pieces;
      content.fee.amount = fee.amount;
    }
    const figures = fee.charged && (!fee.pieces || !fee.amount) ? "其中的收费件数或金额未能识别，请在报告中补填。" : "";
    notes.push({
      kind: "fee-statement",
      text: fee.sentence ?? undefined,
      message:
        `「其他需要报告的事项」中的「${fee.sentence}」已转为信息处理费的结构化说明（导出时统一写在第六部分开头），` +
        `原句已从正文中移除，避免重复。` +
        (removed.heading ? `其上方的小标题「${removed.heading}」也一并移除。` : "") +
        figures,
    });
  }
  if (found.has("s6") && fee.charged === null) {
    notes.push({
      kind: "other",
      message: "「其他需要报告的事项」中没有说明信息处理费的收取情况（按国办函〔2020〕109号，即使未收取也应说明），请补充。",
    });
  }

  // ---- structure notes ----------------------------------------------------------------------
  for (const s of SECTIONS) {
    if (!found.has(s.key)) {
      notes.push({ kind: "missing-section", message: `没有找到「${sectionHeading(s)}」部分。` });
    }
  }
  headings.forEach((h) => {
    const s = SECTIONS.find((x) => x.key === h.key)!;
    const expected = SECTIONS.indexOf(s) + 1;
    if (h.number === null || h.number === expected) return;
    const clash = headings.find((o) => o !== h && o.number === h.number);
    const hasOwn = headings.some((o) => o.number === expected);
    notes.push({
      kind: clash ? "duplicate-section" : "other",
      text: h.text,
      message:
        `标题「${h.text}」的序号有误，应为「${s.numeral}」` +
        (clash ? `：与「${clash.text}」序号重复` : "") +
        (hasOwn ? "" : `，报告中没有「${s.numeral}、」`) +
        `。已按标题内容导入为「${sectionHeading(s)}」。`,
    });
    if (!h.exact) return;
  });
  headings.forEach((h) => {
    if (!h.exact) {
      const s = SECTIONS.find((x) => x.key === h.key)!;
      notes.push({ kind: "other", text: h.text, message: `标题「${h.text}」与规定的「${sectionHeading(s)}」不完全一致，已按「${sectionHeading(s)}」导入。` });
    }
  });
  const order = headings.map((h) => SECTIONS.findIndex((s) => s.key === h.key));
  if (order.some((v, k) => k > 0 && v < order[k - 1]!)) {
    notes.push({ kind: "other", message: "各部分的顺序与规定格式不一致，已按标题内容归入各部分，请核对。" });
  }

  // ---- 署名 and 成文日期 ----------------------------------------------------------------------
  if (!sig.organName && !sig.date) {
    notes.push({ kind: "other", message: "报告末尾没有署名和成文日期，请补充机关全称和日期。" });
  } else if (!sig.organName) {
    notes.push({ kind: "other", message: "报告末尾没有署名（机关全称），请补充。" });
  } else if (!sig.date) {
    notes.push({ kind: "other", message: "报告末尾没有成文日期，请补充。" });
  }

  // ---- format -------------------------------------------------------------------------------
  const markers = oldFormatMarkers(tableText.join("\n")).filter((m) => !/号$/.test(m));
  const citesOld = oldFormatMarkers(text).filter((m) => /号$/.test(m));
  const cites2021 = norm(text).includes(norm(TEMPLATE_BASIS));
  const strong = [...markers, ...(cites2021 ? [] : citesOld), ...oldEvidence.filter((e) => !/^规范性文件$/.test(norm(e)) && !markers.includes(e))];
  const weak = oldEvidence.filter((e) => norm(e) === "规范性文件");
  let format: ImportFormat = "unknown";
  if (strong.length > 0) format = "2019";
  else if (anyTable || headings.length >= 3) format = "2021";
  if (strong.length > 0) {
    notes.push({
      kind: "old-format",
      text: [...new Set(strong)].join("、"),
      message: `该报告使用的是2019年旧版格式（国办公开办函〔2019〕60号），出现了「${[...new Set(strong)].join("」「")}」。2021年及以后的报告须使用${TEMPLATE_BASIS}格式；能对应的数据已导入，其余单元格留空，请逐项核对补填。`,
    });
  } else if (weak.length > 0) {
    notes.push({
      kind: "old-format",
      text: weak[0],
      message: `表二的行名「${weak[0]}」是2019年旧版格式的写法，2021年格式为「${T2_BLOCKS[0]!.rows[1]!.label}」，已按后者导入。`,
    });
  }

  // ---- expectations -------------------------------------------------------------------------
  if (opts.expectedYear && year && year !== opts.expectedYear) {
    notes.push({ kind: "other", message: `文件中的报告年度是${year}年，与本报告的${opts.expectedYear}年不一致，请确认选择的文件是否正确。` });
  }
  if (opts.expectedOrganName && organFromFile) {
    const strip = (s: string) => norm(s).replace(/(人民政府|政府)$/, "");
    const a = strip(opts.expectedOrganName);
    const b = strip(organFromFile);
    if (a && b && !a.includes(b) && !b.includes(a)) {
      notes.push({ kind: "other", message: `文件中的机关名称「${organFromFile}」与本报告的「${opts.expectedOrganName}」不一致，请确认。` });
    }
  }

  return {
    format,
    year,
    organName: organFromFile,
    content,
    notes: [...notes, ...tableNotes, ...blankNotes],
  };
}
