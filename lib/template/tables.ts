/**
 * Tables 二, 三 and 四 of the 2021 format as data: semantic rows and columns (for totals and rules),
 * the cells (input or computed), and the printed grid with its merged header cells (for the editor,
 * the PDF and the DOCX). Labels are the official wording, verbatim.
 */
import type { SectionKey } from "./sections";

export type TableId = "t2" | "t3" | "t4";
export type CellKind = "count" | "decimal";

export type CellDef = {
  id: string;
  table: TableId;
  kind: CellKind;
  /** Human name of the cell for messages, e.g. 表三「一、本年新收政府信息公开申请数量」·自然人 */
  name: string;
  /** The official row label (with its group, e.g. 「（三）不予公开1.属于国家秘密」) and column label. */
  rowLabel: string;
  columnLabel: string;
  /** Computed cells are the sum of `sum`; they are never typed nor stored. */
  computed: boolean;
  sum: readonly string[];
};

export type GridTextCell = {
  type: "text";
  text: string;
  colSpan: number;
  rowSpan: number;
  role: "corner" | "header" | "title" | "label";
};
export type GridValueCell = { type: "value"; cellId: string; colSpan: number; rowSpan: 1 };
export type GridCell = GridTextCell | GridValueCell;
/** A printed row: the cells that START in this row, left to right (cells spanning from above are omitted). */
export type GridRow = { key: string; kind: "title" | "header" | "data"; cells: GridCell[] };

export type TableDef = {
  id: TableId;
  section: SectionKey;
  /** Short name used in messages: 表二 / 表三 / 表四 */
  name: string;
  columnCount: number;
  /** Relative column widths (sum 1). */
  columnWidths: readonly number[];
  /** Rows repeated at the top of every page the table spans. */
  headerRows: readonly GridRow[];
  bodyRows: readonly GridRow[];
  cells: readonly CellDef[];
};

const text = (
  t: string,
  role: GridTextCell["role"],
  colSpan = 1,
  rowSpan = 1,
): GridTextCell => ({ type: "text", text: t, colSpan, rowSpan, role });
const value = (cellId: string, colSpan = 1): GridValueCell => ({ type: "value", cellId, colSpan, rowSpan: 1 });

// ---------------------------------------------------------------------------------------------
// Table 二 — 主动公开政府信息情况
// ---------------------------------------------------------------------------------------------

export const T2_CONTENT_LABEL = "信息内容";

type T2Block = {
  id: string;
  title: string;
  columns: readonly { id: string; label: string }[];
  rows: readonly { id: string; label: string }[];
  kind: CellKind;
};

export const T2_BLOCKS: readonly T2Block[] = [
  {
    id: "item1",
    title: "第二十条第（一）项",
    columns: [
      { id: "issued", label: "本年制发件数" },
      { id: "repealed", label: "本年废止件数" },
      { id: "valid", label: "现行有效件数" },
    ],
    rows: [
      { id: "rules", label: "规章" },
      { id: "normative", label: "行政规范性文件" },
    ],
    kind: "count",
  },
  {
    id: "item5",
    title: "第二十条第（五）项",
    columns: [{ id: "decisions", label: "本年处理决定数量" }],
    rows: [{ id: "permit", label: "行政许可" }],
    kind: "count",
  },
  {
    id: "item6",
    title: "第二十条第（六）项",
    columns: [{ id: "decisions", label: "本年处理决定数量" }],
    rows: [
      { id: "penalty", label: "行政处罚" },
      { id: "coercion", label: "行政强制" },
    ],
    kind: "count",
  },
  {
    id: "item8",
    title: "第二十条第（八）项",
    columns: [{ id: "amount", label: "本年收费金额（单位：万元）" }],
    rows: [{ id: "fee", label: "行政事业性收费" }],
    kind: "decimal",
  },
];

export const t2CellId = (row: string, column: string) => `t2.${row}.${column}`;

function buildT2(): TableDef {
  const columnCount = 4;
  const cells: CellDef[] = [];
  const bodyRows: GridRow[] = [];
  for (const block of T2_BLOCKS) {
    bodyRows.push({ key: `${block.id}.title`, kind: "title", cells: [text(block.title, "title", columnCount)] });
    const span = (columnCount - 1) / block.columns.length;
    bodyRows.push({
      key: `${block.id}.header`,
      kind: "header",
      cells: [text(T2_CONTENT_LABEL, "header"), ...block.columns.map((c) => text(c.label, "header", span))],
    });
    for (const row of block.rows) {
      bodyRows.push({
        key: `${block.id}.${row.id}`,
        kind: "data",
        cells: [text(row.label, "label"), ...block.columns.map((c) => value(t2CellId(row.id, c.id), span))],
      });
      for (const c of block.columns) {
        cells.push({
          id: t2CellId(row.id, c.id),
          table: "t2",
          kind: block.kind,
          name: `表二「${row.label}」${c.label}`,
          rowLabel: `${block.title} ${row.label}`,
          columnLabel: c.label,
          computed: false,
          sum: [],
        });
      }
    }
  }
  return {
    id: "t2",
    section: "s2",
    name: "表二",
    columnCount,
    columnWidths: [0.34, 0.22, 0.22, 0.22],
    headerRows: [],
    bodyRows,
    cells,
  };
}

// ---------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况
// ---------------------------------------------------------------------------------------------

export const T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
export const T3_APPLICANT_HEADER = "申请人情况";
export const T3_ORG_HEADER = "法人或其他组织";

export type T3Column = { id: string; label: string; computed: boolean };
export const T3_COLUMNS: readonly T3Column[] = [
  { id: "natural", label: "自然人", computed: false },
  { id: "commercial", label: "商业企业", computed: false },
  { id: "research", label: "科研机构", computed: false },
  { id: "nonprofit", label: "社会公益组织", computed: false },
  { id: "legal", label: "法律服务机构", computed: false },
  { id: "otherOrg", label: "其他", computed: false },
  { id: "total", label: "总计", computed: true },
];
export const T3_INPUT_COLUMNS = T3_COLUMNS.filter((c) => !c.computed);
/** The columns under 法人或其他组织. */
export const T3_ORG_COLUMNS = T3_INPUT_COLUMNS.slice(1);

export const T3_RESULTS_LABEL = "三、本年度办理结果";

type T3ResultGroup = {
  id: string;
  label: string;
  /** Items of a group; a group without items is itself a row. */
  items: readonly { id: string; label: string }[];
};

export const T3_RESULT_GROUPS: readonly T3ResultGroup[] = [
  { id: "open", label: "（一）予以公开", items: [] },
  { id: "partial", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", items: [] },
  {
    id: "deny",
    label: "（三）不予公开",
    items: [
      { id: "deny1", label: "1.属于国家秘密" },
      { id: "deny2", label: "2.其他法律行政法规禁止公开" },
      { id: "deny3", label: "3.危及“三安全一稳定”" },
      { id: "deny4", label: "4.保护第三方合法权益" },
      { id: "deny5", label: "5.属于三类内部事务信息" },
      { id: "deny6", label: "6.属于四类过程性信息" },
      { id: "deny7", label: "7.属于行政执法案卷" },
      { id: "deny8", label: "8.属于行政查询事项" },
    ],
  },
  {
    id: "unable",
    label: "（四）无法提供",
    items: [
      { id: "unable1", label: "1.本机关不掌握相关政府信息" },
      { id: "unable2", label: "2.没有现成信息需要另行制作" },
      { id: "unable3", label: "3.补正后申请内容仍不明确" },
    ],
  },
  {
    id: "noproc",
    label: "（五）不予处理",
    items: [
      { id: "noproc1", label: "1.信访举报投诉类申请" },
      { id: "noproc2", label: "2.重复申请" },
      { id: "noproc3", label: "3.要求提供公开出版物" },
      { id: "noproc4", label: "4.无正当理由大量反复申请" },
      { id: "noproc5", label: "5.要求行政机关确认或重新出具已获取信息" },
    ],
  },
  {
    id: "other",
    label: "（六）其他处理",
    items: [
      { id: "other1", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
      { id: "other2", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
      { id: "other3", label: "3.其他" },
    ],
  },
  { id: "total", label: "（七）总计", items: [] },
];

export type T3Row = {
  id: string;
  /** The row's own label (item label, or the group label for a group without items). */
  label: string;
  /** Group label for items of （三）…（六）. */
  group: string | null;
  /** Result rows are the ones summed into （七）总计. */
  isResult: boolean;
  computed: boolean;
};

export const T3_ROWS: readonly T3Row[] = [
  { id: "new", label: "一、本年新收政府信息公开申请数量", group: null, isResult: false, computed: false },
  { id: "carried", label: "二、上年结转政府信息公开申请数量", group: null, isResult: false, computed: false },
  ...T3_RESULT_GROUPS.flatMap((g): T3Row[] =>
    g.items.length === 0
      ? [{ id: g.id, label: g.label, group: null, isResult: g.id !== "total", computed: g.id === "total" }]
      : g.items.map((it) => ({ id: it.id, label: it.label, group: g.label, isResult: true, computed: false })),
  ),
  { id: "carryover", label: "四、结转下年度继续办理", group: null, isResult: false, computed: false },
];

export const t3CellId = (row: string, column: string) => `t3.${row}.${column}`;

/** A short readable name of a table 三 row for messages. */
export function t3RowName(row: T3Row): string {
  return row.group ? `${row.group}${row.label}` : row.label;
}

function buildT3(): TableDef {
  const resultRows = T3_ROWS.filter((r) => r.isResult);
  const cells: CellDef[] = [];
  for (const row of T3_ROWS) {
    for (const col of T3_COLUMNS) {
      const id = t3CellId(row.id, col.id);
      let sum: string[] = [];
      if (col.computed) sum = T3_INPUT_COLUMNS.map((c) => t3CellId(row.id, c.id));
      else if (row.computed) sum = resultRows.map((r) => t3CellId(r.id, col.id));
      cells.push({
        id,
        table: "t3",
        kind: "count",
        name: `表三「${t3RowName(row)}」${col.label}`,
        rowLabel: t3RowName(row),
        columnLabel: col.id === "natural" || col.computed ? col.label : `${T3_ORG_HEADER}·${col.label}`,
        computed: col.computed || row.computed,
        sum,
      });
    }
  }
  // The grand total (（七）总计 × 总计) is listed under the column rule; it equals the row rule's sum too.

  const values = (rowId: string) => T3_COLUMNS.map((c) => value(t3CellId(rowId, c.id)));
  const headerRows: GridRow[] = [
    {
      key: "h1",
      kind: "header",
      cells: [text(T3_CORNER, "corner", 3, 3), text(T3_APPLICANT_HEADER, "header", T3_COLUMNS.length)],
    },
    {
      key: "h2",
      kind: "header",
      cells: [
        text(T3_INPUT_COLUMNS[0]!.label, "header", 1, 2),
        text(T3_ORG_HEADER, "header", T3_ORG_COLUMNS.length),
        text(T3_COLUMNS[T3_COLUMNS.length - 1]!.label, "header", 1, 2),
      ],
    },
    { key: "h3", kind: "header", cells: T3_ORG_COLUMNS.map((c) => text(c.label, "header")) },
  ];

  const bodyRows: GridRow[] = [];
  const resultRowCount = resultRows.length + 1; // + （七）总计
  let firstResult = true;
  for (const row of T3_ROWS) {
    const labels: GridCell[] = [];
    if (row.isResult || row.computed) {
      if (firstResult) {
        labels.push(text(T3_RESULTS_LABEL, "label", 1, resultRowCount));
        firstResult = false;
      }
      if (row.group) {
        const group = T3_RESULT_GROUPS.find((g) => g.label === row.group)!;
        if (group.items[0]!.id === row.id) labels.push(text(group.label, "label", 1, group.items.length));
        labels.push(text(row.label, "label"));
      } else {
        labels.push(text(row.label, "label", 2));
      }
    } else {
      labels.push(text(row.label, "label", 3));
    }
    bodyRows.push({ key: row.id, kind: "data", cells: [...labels, ...values(row.id)] });
  }

  const dataWidth = 0.075;
  const labelWidths = [0.06, 0.085, 1 - 0.06 - 0.085 - dataWidth * T3_COLUMNS.length];
  return {
    id: "t3",
    section: "s3",
    name: "表三",
    columnCount: 3 + T3_COLUMNS.length,
    columnWidths: [...labelWidths, ...T3_COLUMNS.map(() => dataWidth)],
    headerRows,
    bodyRows,
    cells,
  };
}

// ---------------------------------------------------------------------------------------------
// Table 四 — 政府信息公开行政复议、行政诉讼情况
// ---------------------------------------------------------------------------------------------

export const T4_REVIEW_HEADER = "行政复议";
export const T4_LITIGATION_HEADER = "行政诉讼";

export const T4_GROUPS: readonly { id: string; label: string }[] = [
  { id: "review", label: T4_REVIEW_HEADER },
  { id: "direct", label: "未经复议直接起诉" },
  { id: "after", label: "复议后起诉" },
];
export const T4_RESULTS: readonly { id: string; label: string; computed: boolean }[] = [
  { id: "upheld", label: "结果维持", computed: false },
  { id: "corrected", label: "结果纠正", computed: false },
  { id: "other", label: "其他结果", computed: false },
  { id: "pending", label: "尚未审结", computed: false },
  { id: "total", label: "总计", computed: true },
];

export const t4CellId = (group: string, result: string) => `t4.${group}.${result}`;

function buildT4(): TableDef {
  const cells: CellDef[] = [];
  for (const g of T4_GROUPS) {
    for (const r of T4_RESULTS) {
      cells.push({
        id: t4CellId(g.id, r.id),
        table: "t4",
        kind: "count",
        name: `表四「${g.label}」${r.label}`,
        rowLabel: g.id === "review" ? g.label : `${T4_LITIGATION_HEADER}·${g.label}`,
        columnLabel: r.label,
        computed: r.computed,
        sum: r.computed ? T4_RESULTS.filter((x) => !x.computed).map((x) => t4CellId(g.id, x.id)) : [],
      });
    }
  }
  const n = T4_RESULTS.length;
  const [review, direct, after] = T4_GROUPS as [(typeof T4_GROUPS)[0], (typeof T4_GROUPS)[0], (typeof T4_GROUPS)[0]];
  const headerRows: GridRow[] = [
    {
      key: "h1",
      kind: "header",
      cells: [text(review.label, "header", n, 2), text(T4_LITIGATION_HEADER, "header", n * 2)],
    },
    { key: "h2", kind: "header", cells: [text(direct.label, "header", n), text(after.label, "header", n)] },
    {
      key: "h3",
      kind: "header",
      cells: T4_GROUPS.flatMap(() => T4_RESULTS.map((r) => text(r.label, "header"))),
    },
  ];
  const bodyRows: GridRow[] = [
    { key: "values", kind: "data", cells: T4_GROUPS.flatMap((g) => T4_RESULTS.map((r) => value(t4CellId(g.id, r.id)))) },
  ];
  return {
    id: "t4",
    section: "s4",
    name: "表四",
    columnCount: n * 3,
    columnWidths: Array.from({ length: n * 3 }, () => 1 / (n * 3)),
    headerRows,
    bodyRows,
    cells,
  };
}

export const TABLES: readonly TableDef[] = [buildT2(), buildT3(), buildT4()];

export function tableById(id: TableId): TableDef {
  const t = TABLES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown table ${id}`);
  return t;
}

export function tableOfSection(section: SectionKey): TableDef | undefined {
  return TABLES.find((t) => t.section === section);
}

/** Every cell of every table, by id. */
export const CELLS: ReadonlyMap<string, CellDef> = new Map(TABLES.flatMap((t) => t.cells.map((c) => [c.id, c])));
export const INPUT_CELLS: readonly CellDef[] = [...CELLS.values()].filter((c) => !c.computed);
/** Computed cells in an order where every cell comes after the cells it sums. */
export const COMPUTED_CELLS: readonly CellDef[] = (() => {
  const computed = [...CELLS.values()].filter((c) => c.computed);
  const done = new Set<string>();
  const ordered: CellDef[] = [];
  while (ordered.length < computed.length) {
    const before = ordered.length;
    for (const c of computed) {
      if (done.has(c.id)) continue;
      if (c.sum.every((s) => !CELLS.get(s)?.computed || done.has(s))) {
        ordered.push(c);
        done.add(c.id);
      }
    }
    if (ordered.length === before) throw new Error("cycle in computed cells");
  }
  return ordered;
})();
