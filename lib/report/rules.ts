/**
 * The consistency rules of the spec (§6): E1–E7 (errors), X1–X3 (cross-year), T1–T6 (text and table);
 * P1 (plausibility) lives in ./plausibility.ts with its thresholds.
 * Pure: a report's content in, findings out. Every finding names its cells and carries a Chinese message.
 */
import {
  CELLS,
  INPUT_CELLS,
  T3_COLUMNS,
  T3_INPUT_COLUMNS,
  T3_ROWS,
  T4_GROUPS,
  TEXT_FIELDS,
  t2CellId,
  t3CellId,
  t4CellId,
  textFieldsOf,
  type ReportContent,
} from "@/lib/template";
import { FEE_REF, headerRef, textRef, type Finding } from "./findings";
import { FEE_CHOICE_LABELS, FEE_LABEL, feeChoiceLabel, feeStatement } from "./fee";
// the importer's reading of a fee sentence (pure): the same words are recognised in a file and in the editor
import { feeFromText } from "@/lib/import/header";
import { computeTotals, cellNumber, type Totals } from "./totals";
import { fieldLabel, overLimitTexts } from "./content-fields";
import { DEFAULT_DEADLINES, dayLabel, deadlineKeyOf, deadlineOf, type Day, type OrganKind, type ReportKind } from "./organ-levels";
import { readCell } from "./values";
import { parseChineseDate, signDateProblem } from "./text";
import { plausibilityFindings } from "./plausibility";
import { substanceFindings } from "./substance";
import { checkStatement, readStatements, type Statement, type StatementCheck } from "./statements";

export type { OrganKind };

export type RuleContext = {
  year: number;
  organKind?: OrganKind;
  /** ORGAN (own / 本级) or ROLLUP (汇总); default ORGAN. */
  reportKind?: ReportKind;
  /**
   * The 署名 the report should carry with the organ's name as the system has it now (reportSigner; an
   * admin may have renamed the organ after the draft was created): a 署名 that differs is named (T6).
   */
  signer?: string;
  /** The day by which the report must be published (lib/report/organ-levels.ts, with the admin's settings). */
  deadline?: Day;
  /** The same organ's report of the previous year, when it is in the system. */
  previous?: { year: number; content: ReportContent } | null;
  /**
   * The figures of the organ's 依申请公开台账 (lib/register) for the tables the clerk switched to typed figures:
   * every typed cell that differs is named (R1).
   */
  register?: Record<string, string> | null;
};

type Ctx = RuleContext & {
  content: ReportContent;
  totals: Totals;
  out: Finding[];
  /** Printed totals of an import that disagree with their parts, grouped by cause (E2–E4). */
  causes: Cause[];
  /** Cells of other rules' findings folded into a cause's finding, by cause key. */
  folded: Map<string, string[]>;
};

const n = (ctx: Ctx, id: string) => cellNumber(ctx.content.cells, ctx.totals, id);
const rowLabel = (id: string) => T3_ROWS.find((r) => r.id === id)!.label;

function add(ctx: Ctx, f: Omit<Finding, "key"> & { key?: string }) {
  ctx.out.push({ ...f, key: f.key ?? `${f.rule}:${f.cells.join(",")}` });
}

// ---- E5: every value valid; blanks are not zeros --------------------------------------------
function e5(ctx: Ctx) {
  for (const c of INPUT_CELLS) {
    const r = readCell(ctx.content.cells[c.id], c.kind);
    if (r.state === "invalid") {
      add(ctx, { rule: "E5", severity: "error", cells: [c.id], message: `${c.name}：${r.message}。` });
    } else if (r.state === "blank") {
      add(ctx, {
        rule: "E5",
        severity: "error",
        cells: [c.id],
        message: `${c.name}未填写（没有数据请填 0）。`,
      });
    }
  }
  const fee = ctx.content.fee;
  if (fee.charged) {
    for (const [field, label, kind] of [
      ["pieces", "收费件数", "count"],
      ["amount", "收费金额", "decimal"],
    ] as const) {
      const r = readCell(fee[field], kind);
      if (r.state !== "valid")
        add(ctx, {
          rule: "E5",
          severity: "error",
          cells: [FEE_REF],
          key: `E5:fee.${field}`,
          message: `信息处理费${label}${r.state === "blank" ? "未填写" : `：${r.message}`}。`,
        });
    }
  }
}

// ---- E1: 一 + 二 = （七）总计 + 四, every column -------------------------------------------
// The 总计 column is the sum of the six input columns, so its imbalance is the sum of theirs: it is off
// only when an input column is off (an unreadable value leaves both unknown), and one mistake would
// otherwise be listed twice. One cause, one finding: the 总计 column has no finding of its own; each
// unbalanced input column's finding also names the 总计 column's cells when that column is off too.
const E1_ROWS = ["new", "carried", "total", "carryover"] as const;

function e1(ctx: Ctx) {
  const imbalance = (colId: string) => {
    const ids = E1_ROWS.map((r) => t3CellId(r, colId));
    const [a, b, c, d] = ids.map((id) => n(ctx, id));
    if (a == null || b == null || c == null || d == null || a + b === c + d) return null;
    return { ids, a, b, c, d };
  };
  const label = (colId: string) => T3_COLUMNS.find((c) => c.id === colId)!.label;
  const message = (colId: string, x: NonNullable<ReturnType<typeof imbalance>>) =>
    `表三「${label(colId)}」列不平衡：一、本年新收（${x.a}）+ 二、上年结转（${x.b}）= ${x.a + x.b}，` +
    `应等于（七）总计（${x.c}）+ 四、结转下年度继续办理（${x.d}）= ${x.c + x.d}。`;
  const totalCol = T3_COLUMNS.find((c) => c.computed)!;
  const total = imbalance(totalCol.id);
  for (const col of T3_INPUT_COLUMNS) {
    const x = imbalance(col.id);
    if (!x) continue;
    // an import whose printed totals show the mistake: one finding (E2–E4) says it, with the printed figures
    const diff = x.a + x.b - (x.c + x.d);
    const cause = ctx.causes.find((c) => Math.abs(c.delta) === Math.abs(diff) && x.ids.some((id) => inputsOf(id).some((i) => c.inputs.has(i))));
    if (cause) {
      ctx.folded.set(cause.key, [...(ctx.folded.get(cause.key) ?? []), ...x.ids]);
      continue;
    }
    add(ctx, {
      rule: "E1",
      severity: "error",
      key: `E1:${x.ids.join(",")}`,
      cells: total ? [...x.ids, ...total.ids] : x.ids,
      message: message(col.id, x) + (total ? `「${totalCol.label}」列也随之不平衡。` : ""),
    });
  }
}

// ---- E2–E4: printed totals of an imported report against the recomputed ones ----------------
// One cause, one finding: a mistyped printed total, or a mistyped part under several printed totals,
// makes each of them disagree by the same amount. Mismatches with the same difference over shared
// parts are one cause: one finding names the printed cell nearest the parts, its printed value and the
// sum of its parts, and lists the other printed totals off by the same amount; E1 and T1 do not repeat
// it with recomputed figures (see causeOf).
type Mismatch = { id: string; printed: number; sum: number; inputs: Set<string> };
type Cause = { key: string; mismatches: Mismatch[]; delta: number; inputs: Set<string> };

function inputsOf(id: string): string[] {
  const def = CELLS.get(id);
  if (!def) return [];
  return def.computed ? def.sum.flatMap(inputsOf) : [id];
}

function printedCauses(content: ReportContent, totals: Totals): Cause[] {
  const source = content.sourceTotals;
  if (!source) return [];
  const list: Mismatch[] = [];
  for (const [id, printed] of Object.entries(source)) {
    const def = CELLS.get(id);
    if (!def?.computed) continue;
    const r = readCell(printed, "count");
    const computed = totals[id];
    if (r.state !== "valid" || computed == null || r.value === computed) continue;
    list.push({ id, printed: r.value, sum: computed, inputs: new Set(inputsOf(id)) });
  }
  // fewest parts first: the printed cell nearest the cause leads its group
  list.sort((x, y) => x.inputs.size - y.inputs.size || x.id.localeCompare(y.id));
  const causes: Cause[] = [];
  for (const m of list) {
    const delta = m.sum - m.printed;
    const c = causes.find((x) => x.delta === delta && [...m.inputs].some((i) => x.inputs.has(i)));
    if (c) {
      c.mismatches.push(m);
      for (const i of m.inputs) c.inputs.add(i);
    } else causes.push({ key: m.id, mismatches: [m], delta, inputs: new Set(m.inputs) });
  }
  return causes;
}

function e2to4(ctx: Ctx) {
  for (const cause of ctx.causes) {
    const [lead, ...rest] = cause.mismatches as [Mismatch, ...Mismatch[]];
    const def = CELLS.get(lead.id)!;
    const rule = def.table === "t4" ? "E4" : lead.id.startsWith("t3.total.") && !lead.id.endsWith(".total") ? "E3" : "E2";
    const others = rest.map((m) => `${CELLS.get(m.id)!.name}（原文 ${m.printed}）`);
    const folded = ctx.folded.get(cause.key) ?? [];
    add(ctx, {
      rule,
      severity: "error",
      key: `${rule}:${[lead.id, ...def.sum].join(",")}`,
      cells: [...new Set([lead.id, ...def.sum, ...rest.map((m) => m.id), ...folded])],
      cause: `printed:${lead.id}`,
      message:
        `${def.name}：原文为 ${lead.printed}，按各项相加应为 ${lead.sum}。` +
        (others.length ? `原文的${others.join("、")}与各自的各项之和也相差 ${Math.abs(cause.delta)}，属同一原因。` : "") +
        (folded.length ? "表三的勾稽关系也因此不平衡。" : ""),
    });
  }
}

// ---- E6: the six sections present and non-empty ---------------------------------------------
function e6(ctx: Ctx) {
  const t = ctx.content.text;
  const filled = (id: string) => (t[id] ?? "").trim() !== "";
  if (!textFieldsOf("s1").some((f) => filled(f.id)))
    add(ctx, {
      rule: "E6",
      severity: "error",
      cells: textFieldsOf("s1").map((f) => textRef(f.id)),
      message: "一、总体情况尚未填写。",
    });
  if (!filled("s5"))
    add(ctx, { rule: "E6", severity: "error", cells: [textRef("s5")], message: "五、存在的主要问题及改进情况尚未填写。" });
  if (!filled("s6") && feeStatement(ctx.content.fee) === "")
    add(ctx, {
      rule: "E6",
      severity: "error",
      cells: [textRef("s6"), FEE_REF],
      message: "六、其他需要报告的事项尚未填写（至少应说明信息处理费收取情况）。",
    });
}

// ---- E7: one report year everywhere --------------------------------------------------------
function e7(ctx: Ctx) {
  const { year } = ctx;
  const opening = ctx.content.header.opening;
  const period = opening.match(/(\d{4})年1月1日[^。]{0,6}?(\d{4})年12月31日/);
  if (period) {
    const years = [Number(period[1]), Number(period[2])];
    if (years.some((y) => y !== year))
      add(ctx, {
        rule: "E7",
        severity: "error",
        cells: [headerRef("opening")],
        message: `开头段落的统计期限（${period[1]}年1月1日至${period[2]}年12月31日）与报告年度${year}年不一致。`,
      });
  }
  const fields: [string, string][] = [
    [headerRef("opening"), opening],
    ...TEXT_FIELDS.map((f): [string, string] => [textRef(f.id), ctx.content.text[f.id] ?? ""]),
  ];
  for (const [ref, text] of fields) {
    for (const m of text.matchAll(/(\d{4})\s*年(?:度)?政府信息公开(?:工作)?年度报告/g)) {
      if (Number(m[1]) !== year)
        add(ctx, {
          rule: "E7",
          severity: "error",
          cells: [ref],
          key: `E7:${ref}:${m[1]}`,
          message: `正文提到“${m[0]}”，与报告年度${year}年不一致。`,
        });
    }
  }
}

// ---- E8: no text longer than its limit (kept when saved, but not submitted) -------------------
function e8(ctx: Ctx) {
  for (const { ref, chars, max } of overLimitTexts(ctx.content))
    add(ctx, {
      rule: "E8",
      severity: "error",
      cells: [ref],
      message: `${fieldLabel(ref)}共 ${chars} 个字符，超过上限 ${max} 个字符（多 ${chars - max} 个），请删减后再提交。`,
    });
}

// ---- X1–X3: against last year's report ------------------------------------------------------
/** R1: typed figures against the register's, cell by cell (a warning: the clerk chose to type them). */
function r1(ctx: Ctx) {
  for (const [id, v] of Object.entries(ctx.register ?? {})) {
    const typed = readCell(ctx.content.cells[id] ?? "", "count");
    const shown = (ctx.content.cells[id] ?? "").trim();
    if (typed.state === "valid" && String(typed.value) === v) continue;
    if (shown === "" && v === "0") continue;
    add(ctx, {
      rule: "R1",
      severity: "warning",
      cells: [id],
      message: `${CELLS.get(id)?.name ?? id}填写 ${shown === "" ? "（空）" : shown}，依申请公开台账为 ${v}。`,
    });
  }
}

function cross(ctx: Ctx) {
  const prev = ctx.previous;
  if (!prev || prev.year !== ctx.year - 1) return;
  const prevTotals = computeTotals(prev.content.cells);
  const pn = (id: string) => cellNumber(prev.content.cells, prevTotals, id);

  for (const col of T3_INPUT_COLUMNS) {
    const here = n(ctx, t3CellId("carried", col.id));
    const there = pn(t3CellId("carryover", col.id));
    if (here == null || there == null || here === there) continue;
    add(ctx, {
      rule: "X1",
      // a 汇总's organs may change from year to year (an organ created, merged, moved): a question, not an error
      severity: ctx.reportKind === "ROLLUP" ? "warning" : "error",
      cells: [t3CellId("carried", col.id)],
      message: `表三「${rowLabel("carried")}」${col.label}为 ${here}，上年报告「${rowLabel("carryover")}」为 ${there}，应相等。`,
    });
  }

  for (const row of ["rules", "normative"]) {
    const label = CELLS.get(t2CellId(row, "valid"))!.name;
    const valid = n(ctx, t2CellId(row, "valid"));
    const issued = n(ctx, t2CellId(row, "issued"));
    const repealed = n(ctx, t2CellId(row, "repealed"));
    const prevValid = pn(t2CellId(row, "valid"));
    if ([valid, issued, repealed, prevValid].some((v) => v == null)) continue;
    const expected = prevValid! + issued! - repealed!;
    if (valid !== expected)
      add(ctx, {
        rule: "X2",
        severity: "warning",
        cells: [t2CellId(row, "valid"), t2CellId(row, "issued"), t2CellId(row, "repealed")],
        message:
          expected < 0
            ? // more repealed than there were: no count follows from it, the figures themselves are off
              `${label.replace(/现行有效件数$/, "")}本年废止 ${repealed} 件，多于上年现行有效 ${prevValid} 件与本年制发 ${issued} 件之和，请核对这几个数字。`
            : `${label}为 ${valid}；按上年 ${prevValid} + 本年制发 ${issued} − 本年废止 ${repealed} 应为 ${expected}。如有清理，请说明原因。`,
      });
  }

  const s1 = (c: ReportContent) => textFieldsOf("s1").map((f) => c.text[f.id] ?? "").join("\n");
  for (const [refs, name, here, there] of [
    [[textRef("s5")], "五、存在的主要问题及改进情况", ctx.content.text.s5 ?? "", prev.content.text.s5 ?? ""],
    [textFieldsOf("s1").map((f) => textRef(f.id)), "一、总体情况", s1(ctx.content), s1(prev.content)],
  ] as const) {
    if (here.trim().length < 50 || there.trim().length < 50) continue;
    const sim = similarity(here, there);
    if (sim >= 0.8)
      add(ctx, {
        rule: "X3",
        severity: "warning",
        cells: [...refs],
        message: `${name}与上年报告高度相似（${Math.round(sim * 100)}%），请避免年年雷同。`,
      });
  }
}

/** Dice coefficient of character bigrams (punctuation and spaces ignored): 1 = identical. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const clean = s.replace(/[\s\p{P}]/gu, "");
    const m = new Map<string, number>();
    for (let i = 0; i < clean.length - 1; i++) {
      const g = clean.slice(i, i + 2);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let total = 0;
  let common = 0;
  for (const v of ga.values()) total += v;
  for (const v of gb.values()) total += v;
  for (const [g, v] of ga) common += Math.min(v, gb.get(g) ?? 0);
  return total === 0 ? 0 : (2 * common) / total;
}

// ---- T1–T6: text and table ------------------------------------------------------------------
// T1: every figure the text states (lib/report/statements.ts reads them) against the tables.
function t1(ctx: Ctx) {
  const seen = new Set<string>();
  // an import's printed totals: a sentence agreeing with what the file prints is not a second finding
  const printed: Totals | null = ctx.causes.length
    ? { ...ctx.totals, ...Object.fromEntries(ctx.causes.flatMap((c) => c.mismatches.map((m) => [m.id, m.printed]))) }
    : null;
  for (const f of TEXT_FIELDS) {
    for (const st of readStatements(f.id, ctx.content.text[f.id] ?? "", ctx.year)) {
      const r = checkStatement(st, ctx.content, ctx.totals);
      if (r.holds !== false) continue;
      if (printed && checkStatement(st, ctx.content, printed).holds) continue;
      const cause = ctx.causes.find((c) => c.mismatches.some((m) => st.cells.includes(m.id)));
      const key = `T1:${f.id}:${st.subject}:${st.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(ctx, {
        rule: "T1",
        severity: "warning",
        cells: [textRef(f.id), ...(st.subject === "infoFee" ? [FEE_REF] : st.cells)],
        key,
        message: statementMessage(st, r),
        ...(cause ? { cause: `printed:${cause.key}` } : {}),
      });
    }
  }
}

/** 「“…上年结转政府信息公开申请3件…”与表格不一致：表三「二、上年结转政府信息公开申请数量」为 15。」 */
export function statementMessage(st: Statement, r: StatementCheck): string {
  const fmt = (x: number) => String(Math.round(x * 10000) / 10000);
  const quote = st.sentence.length <= 80 ? st.sentence.replace(/[。；;]$/, "") : st.phrase;
  const reading = st.readings[0]!;
  const where = st.subject === "infoFee" ? "信息处理费" : reading.describe.startsWith("表") ? reading.describe : `表三「${reading.describe}」`;
  if (st.kind === "rate")
    return `正文“${quote}”中“${st.phrase}”与表格不一致：按表三，${reading.describe}为 ${r.table == null ? "—" : fmt(r.table)}%。`;
  if (st.kind === "none") return `正文“${quote}”与表格不一致：${where}为 ${r.table ?? "—"}。`;
  const unit = st.subject === "infoFee" ? " 元" : st.subject === "t2fee" ? " 万元" : "";
  return `正文“${quote}”中“${st.phrase}”与表格不一致：${where}为 ${r.table == null ? "—" : fmt(r.table)}${unit}。`;
}

// T2 (一's topics), T7 (五 with substance) and E9 (placeholders): lib/report/substance.ts
function substance(ctx: Ctx) {
  substanceFindings(ctx.content, (f) => add(ctx, f));
}


function t3(ctx: Ctx) {
  const fee = ctx.content.fee;
  // what 六's own text says about the fee: the exports print the statement of the choice at the top of 六
  const s6 = TEXT_FIELDS.find((f) => f.section === "s6")!.id;
  const said = feeFromText(ctx.content.text[s6] ?? "");
  if (fee.charged === null)
    add(ctx, {
      rule: "T3",
      severity: "warning",
      cells: [FEE_REF],
      // a 汇总's choice comes from its subordinates' reports (the field is theirs, not typed): nothing to choose here
      message:
        ctx.reportKind === "ROLLUP"
          ? `六、其他需要报告的事项应说明信息处理费收取情况：汇总报告的「${FEE_LABEL}」按已计入的下级机关报告得出，不在此选择；目前没有一份计入的报告说明了收费情况。下级机关的报告审核通过后，请点击「更新汇总数据」。`
          : `六、其他需要报告的事项应说明信息处理费收取情况（未收取也应说明）：请在「${FEE_LABEL}」中选择“${FEE_CHOICE_LABELS.uncharged}”或“${FEE_CHOICE_LABELS.charged}”，导出时据此写出说明` +
            (said.sentence ? `，并删去正文中的“${said.sentence}”，以免重复。` : "。"),
    });
  else if (said.sentence && said.charged === fee.charged)
    add(ctx, {
      rule: "T3",
      severity: "warning",
      cells: [FEE_REF, textRef(s6)],
      key: "T3:twice",
      message: `六的正文写了“${said.sentence}”，导出时还会按「${FEE_LABEL}」的选择在六的开头写入“${feeStatement(fee)}”，两句重复：请删去正文中的这句。`,
    });
  else if (said.sentence && said.charged !== null)
    add(ctx, {
      rule: "T3",
      severity: "warning",
      cells: [FEE_REF, textRef(s6)],
      key: "T3:contradicts",
      message: `六的正文写“${said.sentence}”，与「${FEE_LABEL}」选择的“${feeChoiceLabel(fee.charged)}”不一致：请核对后改正其中一处。`,
    });
  const overdue = n(ctx, t3CellId("other2", "total"));
  if (overdue != null && overdue > 0 && fee.charged === false)
    add(ctx, {
      rule: "T3",
      severity: "warning",
      cells: [FEE_REF, t3CellId("other2", "total")],
      key: "T3:notices",
      message: `表三有 ${overdue} 件申请因逾期未缴费不再处理，说明发出过收费通知，请在六中说明信息处理费情况。`,
    });
}

function t4(ctx: Ctx) {
  const applications = n(ctx, t3CellId("new", "total"));
  const cases = T4_GROUPS.map((g) => n(ctx, t4CellId(g.id, "total")));
  if (applications !== 0 || cases.some((v) => v == null)) return;
  const total = cases.reduce<number>((a, b) => a + b!, 0);
  if (total > 0)
    add(ctx, {
      rule: "T4",
      severity: "warning",
      cells: [t3CellId("new", "total"), ...T4_GROUPS.map((g) => t4CellId(g.id, "total"))],
      message: `本年未收到政府信息公开申请，但有 ${total} 件行政复议或行政诉讼，请核实（可能是上年申请引起的案件）。`,
    });
}

function t5(ctx: Ctx) {
  const other = n(ctx, t3CellId("other3", "total"));
  const total = n(ctx, t3CellId("total", "total"));
  if (other == null || total == null || total === 0 || other === 0) return;
  if (other / total >= 0.3)
    add(ctx, {
      rule: "T5",
      severity: "warning",
      cells: [t3CellId("other3", "total")],
      message: `表三“（六）其他处理·3.其他”占办理结果的 ${Math.round((other / total) * 100)}%，比例较高，请核实能否归入具体情形。`,
    });
}

/** A name as compared: full-width forms and spaces do not make two names differ. */
const sameName = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

function t6(ctx: Ctx) {
  const { organName, signDate } = ctx.content.header;
  // E10 (error): a report is signed, and a 成文日期 that is there is a real date in the format's form; an
  // empty 成文日期 stays a warning (T6): it may be set when the leader signs, said with a reason
  if (organName.trim() === "")
    add(ctx, { rule: "E10", severity: "error", cells: [headerRef("organName")], message: "缺少署名（机关全称），请填写本机关全称。" });
  else if (ctx.signer && sameName(organName) !== sameName(ctx.signer)) {
    // the old name is in the opening paragraph too (it names the organ twice: its portal, whom to contact)
    const inOpening = ctx.content.header.opening.includes(organName.trim());
    add(ctx, {
      rule: "T6",
      key: `T6:name:${ctx.signer}`,
      severity: "warning",
      cells: inOpening ? [headerRef("organName"), headerRef("opening")] : [headerRef("organName")],
      message:
        `署名“${organName.trim()}”与系统中本机关现在的名称“${ctx.signer}”不一致。` +
        `机关已更名的，请改为现名称${inOpening ? "，开头段落中的原名称也请一并修改" : ""}；本年度报告确应使用原名称的，请说明理由后确认。`,
    });
  }
  if (signDate.trim() === "") {
    add(ctx, { rule: "T6", severity: "warning", cells: [headerRef("signDate")], message: "缺少成文日期。" });
    return;
  }
  const d = parseChineseDate(signDate);
  if (!d) {
    const message = signDateProblem(signDate, `${ctx.year + 1}年1月20日`) ?? `成文日期“${signDate}”无法识别。`;
    add(ctx, { rule: "E10", severity: "error", cells: [headerRef("signDate")], message });
    return;
  }
  if (d.year < ctx.year + 1)
    add(ctx, {
      rule: "T6",
      severity: "warning",
      cells: [headerRef("signDate")],
      message: `成文日期${signDate}早于统计年度结束（${ctx.year}年12月31日）。`,
    });
  else {
    const due = ctx.deadline ?? (ctx.organKind ? deadlineOf(ctx.organKind, ctx.reportKind ?? "ORGAN", ctx.year) : null);
    if (due && (d.year - due.year || d.month - due.month || d.day - due.day) > 0)
      add(ctx, {
        rule: "T6",
        severity: "warning",
        cells: [headerRef("signDate")],
        message: `${ctx.organKind ? `${DEFAULT_DEADLINES[deadlineKeyOf(ctx.organKind, ctx.reportKind ?? "ORGAN")].label}的` : ""}成文日期${signDate}晚于公布期限（${dayLabel(due)}）。`,
      });
  }
}


/** All findings for a report, errors first. */
export function validateReport(content: ReportContent, context: RuleContext): Finding[] {
  const totals = computeTotals(content.cells);
  const ctx: Ctx = { ...context, content, totals, out: [], causes: printedCauses(content, totals), folded: new Map() };
  for (const rule of [e5, e1, e2to4, e6, e7, e8, cross, t1, substance, t3, t4, t5, t6, r1]) rule(ctx);
  ctx.out.push(...plausibilityFindings(content, context));
  const order = (s: Finding["severity"]) => (s === "error" ? 0 : 1);
  return ctx.out.sort((a, b) => order(a.severity) - order(b.severity));
}

/** Findings still open: errors, and warnings not acknowledged with a reason. */
export function openFindings(content: ReportContent, findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error" || !(content.acknowledgements[f.key] ?? "").trim());
}

