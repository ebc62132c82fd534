import { tableById, type CellDef } from "@/lib/template";

/**
 * A grid cell's accessible name, as a screen reader announces it on focus: the table, the row label, the
 * column label — e.g. 「表三 一、本年新收政府信息公开申请数量 自然人」. Built from lib/template's labels
 * (the groups joined by spaces), never typed here.
 */
export function cellAccessibleName(def: CellDef): string {
  let name = NAMES.get(def.id);
  if (name === undefined) {
    name = [tableById(def.table).name, def.rowLabel, def.columnLabel].join(" ").replaceAll("·", " ").replace(/\s+/g, " ").trim();
    NAMES.set(def.id, name);
  }
  return name;
}
const NAMES = new Map<string, string>();
