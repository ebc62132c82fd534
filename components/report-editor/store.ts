/**
 * The editor's content store: the report content as an immutable snapshot, with per-key subscriptions
 * so that a keystroke in one cell re-renders that cell and the totals it feeds, nothing else.
 *
 * Keys: `cell:<id>`, `total:<id>`, `invalid:<table>`, `text:<id>`, `header`, `fee`, `acks`,
 * `hl:<ref>` (highlighted by a finding), `highlight` (any highlight change), `mark:<ref>` (named by an open finding), `findings`,
 * `undo` (the undo stack changed).
 * Plain `subscribe` listeners hear every content change (autosave, validation, backup).
 */
import { CELLS, COMPUTED_CELLS, type ReportContent, type TableId } from "@/lib/template";
import { cellNumber, computeTotals, readCell, withFields, type FieldValue, type Totals } from "@/lib/report/client";
import type { FindingsView, MarkSeverity } from "./findings-view";

type Listener = () => void;
export type { MarkSeverity };
export type InvalidCell = { id: string; message: string };

const TABLE_IDS: readonly TableId[] = ["t2", "t3", "t4"];
const TABLE_CELL_IDS = new Map(TABLE_IDS.map((t) => [t, [...CELLS.values()].filter((c) => c.table === t).map((c) => c.id)]));
const COMPUTED_ORDER = new Map(COMPUTED_CELLS.map((c, i) => [c.id, i]));

/** For every cell, the computed cells that (transitively) include it. */
const DEPENDENTS: ReadonlyMap<string, readonly string[]> = (() => {
  const direct = new Map<string, string[]>();
  for (const c of COMPUTED_CELLS)
    for (const s of c.sum) {
      const list = direct.get(s) ?? [];
      list.push(c.id);
      direct.set(s, list);
    }
  const closure = new Map<string, string[]>();
  for (const id of CELLS.keys()) {
    const seen = new Set<string>();
    const stack = [...(direct.get(id) ?? [])];
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      stack.push(...(direct.get(d) ?? []));
    }
    closure.set(id, [...seen].sort((a, b) => COMPUTED_ORDER.get(a)! - COMPUTED_ORDER.get(b)!));
  }
  return closure;
})();

function invalidOf(cells: Record<string, string>, id: string): string | null {
  const def = CELLS.get(id);
  if (!def || def.computed) return null;
  const r = readCell(cells[id], def.kind);
  return r.state === "invalid" ? r.message : null;
}

/**
 * A block operation on cells that can be undone: what each cell held before and was set to, and the
 * content it left (still the current content = nothing changed since).
 */
type UndoEntry = { label: string; cells: { id: string; before: string; after: string }[]; content: ReportContent };
const UNDO_DEPTH = 20;

export class EditorStore {
  private content: ReportContent;
  /** Block operations (paste, fill), newest last; typing in one cell is the input's own undo. */
  private undoStack: UndoEntry[] = [];
  private totals: Totals;
  private invalidMessages = new Map<string, string>();
  private invalid = new Map<TableId, readonly InvalidCell[]>();
  private listeners = new Set<Listener>();
  private keyListeners = new Map<string, Set<Listener>>();
  private highlight: ReadonlySet<string> = new Set();
  /** the key of the finding the highlight is shown for (null: shown for something else) */
  private highlightFinding: string | null = null;
  private view: FindingsView | null = null;

  constructor(content: ReportContent) {
    this.content = content;
    this.totals = computeTotals(content.cells);
    this.rebuildInvalid();
  }

  // ---- subscriptions --------------------------------------------------------------------------
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  subscribeKey(key: string, listener: Listener): () => void {
    let set = this.keyListeners.get(key);
    if (!set) this.keyListeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.keyListeners.delete(key);
    };
  }

  private emit(keys: Iterable<string>, contentChanged: boolean) {
    for (const key of keys) this.keyListeners.get(key)?.forEach((l) => l());
    if (contentChanged) this.listeners.forEach((l) => l());
  }

  // ---- reads (stable snapshots) ---------------------------------------------------------------
  getContent = (): ReportContent => this.content;
  getTotals = (): Totals => this.totals;
  getCell = (id: string): string => this.content.cells[id] ?? "";
  getTotal = (id: string): number | null => this.totals[id] ?? null;
  /** Why an input cell's value is not valid, or null (kept with every cell write). */
  getCellError = (id: string): string | null => this.invalidMessages.get(id) ?? null;
  getText = (id: string): string => this.content.text[id] ?? "";
  getHeader = (): ReportContent["header"] => this.content.header;
  getFee = (): ReportContent["fee"] => this.content.fee;
  getAcks = (): ReportContent["acknowledgements"] => this.content.acknowledgements;
  getInvalid = (table: TableId): readonly InvalidCell[] => this.invalid.get(table) ?? [];
  isHighlighted = (ref: string): boolean => this.highlight.has(ref);
  highlightCount = (): number => this.highlight.size;
  getMark = (ref: string): MarkSeverity | null => this.view?.marks.get(ref) ?? null;
  /** The latest validation results (null until the first validation ran). */
  getFindingsView = (): FindingsView | null => this.view;

  // ---- content writes -------------------------------------------------------------------------
  setCell(id: string, value: string) {
    this.setCells([{ id, value }]);
  }

  /**
   * Set input cells (computed or unknown ids are ignored); totals are updated incrementally. With
   * `undo` (a label such as "粘贴") the change is recorded as one step that undo() takes back.
   * Returns how many cells changed.
   */
  setCells(entries: readonly { id: string; value: string }[], opts: { undo?: string } = {}): number {
    const cells = { ...this.content.cells };
    const changed: string[] = [];
    const record: UndoEntry["cells"] = [];
    for (const { id, value } of entries) {
      const def = CELLS.get(id);
      if (!def || def.computed || cells[id] === value) continue;
      record.push({ id, before: cells[id] ?? "", after: value });
      cells[id] = value;
      changed.push(id);
    }
    if (changed.length === 0) return 0;
    this.content = { ...this.content, cells };
    if (opts.undo) {
      this.undoStack.push({ label: opts.undo, cells: record, content: this.content });
      if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
      this.emit(["undo"], false);
    }

    const affected = new Set<string>();
    for (const id of changed) for (const d of DEPENDENTS.get(id) ?? []) affected.add(d);
    const totals = { ...this.totals };
    const keys: string[] = changed.map((id) => `cell:${id}`);
    for (const c of COMPUTED_CELLS) {
      if (!affected.has(c.id)) continue;
      let sum: number | null = 0;
      for (const s of c.sum) {
        const v = cellNumber(cells, totals, s);
        if (v === null) {
          sum = null;
          break;
        }
        sum += v;
      }
      if (totals[c.id] !== sum) {
        totals[c.id] = sum;
        keys.push(`total:${c.id}`);
      }
    }
    this.totals = totals;

    const dirtyTables = new Set<TableId>();
    for (const id of changed) {
      const message = invalidOf(cells, id);
      if ((this.invalidMessages.get(id) ?? null) === message) continue;
      if (message) this.invalidMessages.set(id, message);
      else this.invalidMessages.delete(id);
      dirtyTables.add(CELLS.get(id)!.table);
    }
    for (const table of dirtyTables) {
      this.invalid.set(table, this.invalidList(table));
      keys.push(`invalid:${table}`);
    }
    this.emit(keys, true);
    return changed.length;
  }

  /** Set every blank input cell of a table to "0" (the clerk's explicit choice; undoable); returns how many. */
  fillBlanks(table: TableId): number {
    const blanks = [...CELLS.values()]
      .filter((c) => c.table === table && !c.computed && (this.content.cells[c.id] ?? "").trim() === "")
      .map((c) => ({ id: c.id, value: "0" }));
    this.setCells(blanks, { undo: "空白单元格填 0" });
    return blanks.length;
  }

  /** The newest block operation that can be undone, and whether nothing changed since it. */
  peekUndo = (): { label: string; cells: number; latest: boolean } | null => {
    const top = this.undoStack[this.undoStack.length - 1];
    return top ? { label: top.label, cells: top.cells.length, latest: top.content === this.content } : null;
  };

  /**
   * Take back the newest block operation: every cell it set that still holds the value it set gets
   * its previous value back; a cell edited since keeps the edit. Returns what was undone, or null.
   */
  undo(): { label: string; restored: number; kept: number } | null {
    const top = this.undoStack.pop();
    if (!top) return null;
    const writes = top.cells.filter((c) => (this.content.cells[c.id] ?? "") === c.after).map((c) => ({ id: c.id, value: c.before }));
    this.setCells(writes);
    this.emit(["undo"], false);
    return { label: top.label, restored: writes.length, kept: top.cells.length - writes.length };
  }

  setText(id: string, value: string) {
    if (this.getText(id) === value) return;
    this.content = { ...this.content, text: { ...this.content.text, [id]: value } };
    this.emit([`text:${id}`], true);
  }

  setHeader(patch: Partial<ReportContent["header"]>) {
    const header = { ...this.content.header, ...patch };
    if ((Object.keys(patch) as (keyof typeof header)[]).every((k) => header[k] === this.content.header[k])) return;
    this.content = { ...this.content, header };
    this.emit(["header"], true);
  }

  setFee(patch: Partial<ReportContent["fee"]>) {
    const fee = { ...this.content.fee, ...patch };
    if ((Object.keys(patch) as (keyof typeof fee)[]).every((k) => fee[k] === this.content.fee[k])) return;
    this.content = { ...this.content, fee };
    this.emit(["fee"], true);
  }

  /** Acknowledge a warning with a reason, or withdraw the acknowledgement (null). */
  setAck(key: string, reason: string | null) {
    const acks = { ...this.content.acknowledgements };
    if (reason === null) {
      if (!(key in acks)) return;
      delete acks[key];
    } else {
      if (acks[key] === reason) return;
      acks[key] = reason;
    }
    this.content = { ...this.content, acknowledgements: acks };
    this.emit(["acks"], true);
  }

  /**
   * Write fields changed elsewhere (taken in by autosave): cells through the incremental path, other
   * fields with their own keys. Never recorded for undo.
   */
  applyFields(fields: readonly (readonly [string, FieldValue])[]) {
    const cells: { id: string; value: string }[] = [];
    const others: (readonly [string, FieldValue])[] = [];
    for (const f of fields) {
      if (CELLS.has(f[0]) && typeof f[1] === "string") cells.push({ id: f[0], value: f[1] });
      else others.push(f);
    }
    if (cells.length) this.setCells(cells);
    if (others.length === 0) return;
    const before = this.content;
    const next = withFields(before, others);
    this.content = next;
    const keys: string[] = [];
    if (next.header !== before.header) keys.push("header");
    if (next.fee !== before.fee) keys.push("fee");
    if (next.acknowledgements !== before.acknowledgements) keys.push("acks");
    if (next.text !== before.text)
      for (const id of Object.keys(next.text)) if (next.text[id] !== before.text[id]) keys.push(`text:${id}`);
    this.emit(keys, true);
  }

  /** Replace the whole content (restore a backup, take the server's version): everything repaints. */
  replaceContent(content: ReportContent) {
    if (content === this.content) return;
    this.content = content;
    // a restored backup or the server's version: earlier steps no longer apply
    this.undoStack = [];
    this.totals = computeTotals(content.cells);
    this.rebuildInvalid();
    this.emit([...this.keyListeners.keys()], true);
  }

  // ---- view state (not content) ---------------------------------------------------------------
  /**
   * Highlight `refs`; `finding`: the key of the finding they belong to — once that finding is gone (fixed),
   * the highlight goes, and while it names fewer cells (blanks filled one by one), so does the highlight.
   */
  setHighlight(refs: Iterable<string>, finding: string | null = null) {
    this.highlightFinding = finding;
    const next = new Set(refs);
    const keys = [...this.highlight, ...next].filter((r) => this.highlight.has(r) !== next.has(r)).map((r) => `hl:${r}`);
    const sizeChanged = this.highlight.size !== next.size;
    this.highlight = next;
    this.emit(keys.length > 0 || sizeChanged ? [...keys, "highlight"] : keys, false);
  }

  /** Publish validation results (computed off the typing path); cells and fields hear their own mark. */
  setFindingsView(view: FindingsView) {
    if (view === this.view) return;
    const before = this.view?.marks ?? new Map<string, MarkSeverity>();
    const keys = ["findings"];
    for (const ref of new Set([...before.keys(), ...view.marks.keys()]))
      if (before.get(ref) !== view.marks.get(ref)) keys.push(`mark:${ref}`);
    this.view = view;
    this.emit(keys, false);
    // the finding the highlight was shown for: gone (fixed) — no highlight; naming fewer cells — fewer
    const source = this.highlightFinding;
    if (source !== null && this.highlight.size > 0) {
      const item = [...view.errors, ...view.warnings, ...view.acknowledged].find((i) => i.key === source);
      const refs = new Set(item?.refs ?? []);
      const kept = [...this.highlight].filter((r) => refs.has(r));
      if (kept.length !== this.highlight.size) this.setHighlight(kept, item ? source : null);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------
  private invalidList(table: TableId): InvalidCell[] {
    const out: InvalidCell[] = [];
    for (const id of TABLE_CELL_IDS.get(table) ?? []) {
      const message = this.invalidMessages.get(id);
      if (message) out.push({ id, message });
    }
    return out;
  }

  private rebuildInvalid() {
    this.invalidMessages.clear();
    for (const id of CELLS.keys()) {
      const message = invalidOf(this.content.cells, id);
      if (message) this.invalidMessages.set(id, message);
    }
    for (const t of TABLE_IDS) this.invalid.set(t, this.invalidList(t));
  }
}
