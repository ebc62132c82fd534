/**
 * No silent cell, tested by mutation: a correct report (every table balanced, a different number in most
 * cells) is damaged the ways extraction damages tables — a row shifted by one column, a cell dropped, two
 * cells of a row swapped, one digit changed — in the tab-separated text and in the flattened text a browser
 * copy gives. After each mutation, every cell the import gets wrong must be flagged on the review screen
 * (uncertain-cell / ambiguous-decoding / blank-as-zero).
 *
 * A damaged table that balances again (every printed total and 勾稽 relation still holds, every row still
 * has all its cells) cannot be told from a genuine report by any reader: for those mutations the test asserts
 * instead that the import holds exactly what the damaged file prints. Their count is asserted too, so a
 * change that made the mutations weaker would show.
 */
import { describe, expect, it } from "vitest";
import {
  CELLS,
  INPUT_CELLS,
  SECTIONS,
  T2_BLOCKS,
  T2_CONTENT_LABEL,
  T3_COLUMNS,
  T3_INPUT_COLUMNS,
  T3_ROWS,
  T4_GROUPS,
  T4_RESULTS,
  sectionHeading,
  t2CellId,
  t3CellId,
  t4CellId,
} from "@/lib/template";
import { computeTotals } from "@/lib/report";
import { importReportText } from "./text";

const FLAG = new Set(["uncertain-cell", "ambiguous-decoding", "blank-as-zero"]);

/** A balanced report: table 三 with E1–E3 holding, table 四 with E4, distinct numbers. */
function truthCells(): Record<string, string> {
  const c: Record<string, string> = {};
  let k = 1;
  for (const b of T2_BLOCKS) for (const r of b.rows) for (const col of b.columns) c[t2CellId(r.id, col.id)] = b.id === "item8" ? "12.345678" : String(k++);
  const results = T3_ROWS.filter((r) => r.isResult);
  results.forEach((r, ri) => T3_INPUT_COLUMNS.forEach((col, ci) => (c[t3CellId(r.id, col.id)] = String((ri * 5 + ci * 3) % 11))));
  T3_INPUT_COLUMNS.forEach((col, ci) => {
    const handled = results.reduce((a, r) => a + Number(c[t3CellId(r.id, col.id)]), 0);
    c[t3CellId("carried", col.id)] = String(ci + 1);
    c[t3CellId("carryover", col.id)] = String(2 * ci + 3);
    c[t3CellId("new", col.id)] = String(handled + 2 * ci + 3 - (ci + 1));
  });
  T4_GROUPS.forEach((g, gi) => T4_RESULTS.filter((r) => !r.computed).forEach((r, ri) => (c[t4CellId(g.id, r.id)] = String(gi * 4 + ri + 1))));
  return c;
}

const TRUTH = truthCells();
const TOTALS = computeTotals(TRUTH);
const val = (id: string) => (CELLS.get(id)!.computed ? String(TOTALS[id]) : TRUTH[id]!);

type Row = { label: string; ids: string[]; values: string[] };

function tableRows(): { t2: Row[]; t3: Row[]; t4: Row } {
  const t2 = T2_BLOCKS.flatMap((b) => b.rows.map((r) => {
    const ids = b.columns.map((c) => t2CellId(r.id, c.id));
    return { label: r.label, ids, values: ids.map(val) };
  }));
  const t3 = T3_ROWS.map((r) => {
    const ids = T3_COLUMNS.map((c) => t3CellId(r.id, c.id));
    return { label: r.group ? `${r.group}\t${r.label}` : r.label, ids, values: ids.map(val) };
  });
  const ids4 = T4_GROUPS.flatMap((g) => T4_RESULTS.map((r) => t4CellId(g.id, r.id)));
  return { t2, t3, t4: { label: "", ids: ids4, values: ids4.map(val) } };
}

function reportText(rows: ReturnType<typeof tableRows>): string {
  const h = (k: number) => sectionHeading(SECTIONS[k]!);
  const out = ["示范县测试镇人民政府2023年政府信息公开工作年度报告", h(0), "2023年，我镇认真做好政府信息公开工作。", h(1)];
  let r = 0;
  for (const b of T2_BLOCKS) {
    out.push(b.title, [T2_CONTENT_LABEL, ...b.columns.map((c) => c.label)].join("\t"));
    for (let i = 0; i < b.rows.length; i++) {
      const row = rows.t2[r++]!;
      out.push([row.label, ...row.values].join("\t"));
    }
  }
  out.push(h(2), ["申请人情况", ...T3_COLUMNS.map((c) => c.label)].join("\t"));
  for (const row of rows.t3) out.push([row.label, ...row.values].join("\t"));
  out.push(h(3), [...T4_GROUPS.map((g) => g.label), ...T4_GROUPS.flatMap(() => T4_RESULTS.map((x) => x.label))].join("\t"));
  out.push(["", ...rows.t4.values].join("\t"));
  out.push(h(4), "无。", h(5), "本年度未收取信息处理费。");
  return out.join("\n");
}

/** Flattened as a browser copy: no line breaks, no separators. */
const flat = (text: string) => text.replace(/[\t\n]+/g, "");

type Mutation = { name: string; apply: (rows: ReturnType<typeof tableRows>) => boolean };

function mutations(): Mutation[] {
  const out: Mutation[] = [];
  const pick = (rows: ReturnType<typeof tableRows>, t: "t2" | "t3" | "t4", i: number) => (t === "t4" ? rows.t4 : rows[t][i]!);
  const targets: ["t2" | "t3" | "t4", number][] = [
    ...tableRows().t2.map((_, i) => ["t2", i] as ["t2", number]),
    ...tableRows().t3.map((_, i) => ["t3", i] as ["t3", number]),
    ["t4", 0],
  ];
  for (const [t, i] of targets) {
    const n = pick(tableRows(), t, i).values.length;
    out.push({ name: `${t}[${i}] shifted right`, apply: (r) => { const v = pick(r, t, i).values; v.unshift(""); v.pop(); return true; } });
    out.push({ name: `${t}[${i}] shifted left`, apply: (r) => { const v = pick(r, t, i).values; v.shift(); v.push(""); return true; } });
    for (let k = 0; k < n; k++) {
      out.push({ name: `${t}[${i}] cell ${k} dropped`, apply: (r) => { pick(r, t, i).values.splice(k, 1); return true; } });
      if (k + 1 < n)
        out.push({
          name: `${t}[${i}] cells ${k},${k + 1} swapped`,
          apply: (r) => {
            const v = pick(r, t, i).values;
            if (v[k] === v[k + 1]) return false;
            [v[k], v[k + 1]] = [v[k + 1]!, v[k]!];
            return true;
          },
        });
      out.push({
        name: `${t}[${i}] cell ${k} digit changed`,
        apply: (r) => {
          const v = pick(r, t, i).values;
          v[k] = v[k]!.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10));
          return true;
        },
      });
    }
  }
  return out;
}

/** What the damaged file prints, position by position (for a balanced damaged table). */
function printed(rows: ReturnType<typeof tableRows>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of [...rows.t2, ...rows.t3, rows.t4]) row.ids.forEach((id, k) => (out[id] = row.values[k] ?? ""));
  return out;
}

/** Whether every sum holds and every row is whole in the damaged file. */
function balances(p: Record<string, string>, rows: ReturnType<typeof tableRows>): boolean {
  if ([...rows.t2, ...rows.t3, rows.t4].some((r) => r.values.length !== r.ids.length || r.values.some((v) => v === ""))) return false;
  const inputs = Object.fromEntries(INPUT_CELLS.map((c) => [c.id, p[c.id] ?? ""]));
  const totals = computeTotals(inputs);
  return [...CELLS.values()].filter((c) => c.computed).every((c) => String(totals[c.id]) === p[c.id]);
}

/** A cell is marked when a flag names it, or (a printed total) any cell it sums, transitively. */
function isMarked(id: string, flagged: ReadonlySet<string>): boolean {
  if (flagged.has(id)) return true;
  const def = CELLS.get(id)!;
  return def.computed && def.sum.some((s) => isMarked(s, flagged));
}

function check(text: string, rows: ReturnType<typeof tableRows>) {
  const r = importReportText(text);
  const flagged = new Set(r.notes.filter((n) => FLAG.has(n.kind)).flatMap((n) => n.cells ?? []));
  const p = printed(rows);
  const balanced = balances(p, rows);
  const silent: string[] = [];
  for (const def of CELLS.values()) {
    const got = def.computed ? r.content.sourceTotals?.[def.id] : r.content.cells[def.id];
    const want = balanced ? p[def.id] : val(def.id);
    if (got === want) continue;
    if (!isMarked(def.id, flagged)) silent.push(`${def.id}: want ${want}, got ${got}`);
  }
  return { silent, balanced };
}

describe("mutation: every damaged cell is flagged, never accepted silently", () => {
  it("the undamaged report imports exactly, with nothing flagged (tab text and flattened text)", () => {
    for (const text of [reportText(tableRows()), flat(reportText(tableRows()))]) {
      const r = importReportText(text);
      for (const def of CELLS.values()) {
        const got = def.computed ? r.content.sourceTotals?.[def.id] : r.content.cells[def.id];
        expect(got, def.id).toBe(val(def.id));
      }
      // The tab text proves every cell; the flattened text leaves some rows to be settled by the column sums,
      // and those rows are flagged for confirmation (their values are still exact).
      if (text.includes("\t")) expect(r.notes.filter((n) => FLAG.has(n.kind))).toEqual([]);
    }
  });

  for (const form of ["tab", "flat"] as const) {
    it(`${form} text: shifted rows, dropped cells, swapped cells, changed digits`, { timeout: 120_000 }, () => {
      const failures: string[] = [];
      let applied = 0;
      let undetectable = 0;
      for (const m of mutations()) {
        const rows = tableRows();
        if (!m.apply(rows)) continue;
        applied++;
        const text = reportText(rows);
        const { silent, balanced } = check(form === "tab" ? text : flat(text), rows);
        if (balanced) undetectable++;
        if (silent.length) failures.push(`${m.name}${balanced ? " (balanced)" : ""}: ${silent.slice(0, 3).join("; ")}`);
      }
      expect(failures).toEqual([]);
      expect(applied).toBeGreaterThan(400);
      // Only damage that leaves every table balanced escapes the sums: table 二 (no sums at all) and swaps or
      // digit changes that keep a table 四 group's total. They are read exactly as printed (asserted above).
      expect(undetectable).toBeLessThan(applied / 4);
    });
  }
});
