/**
 * The 2021 annual-report format (国办公开办函〔2021〕30号) as data: the one source for the editor,
 * the zod schemas, the validator, the exports and the importer.
 */
import type { ReportContent } from "./content";
import { INPUT_CELLS } from "./tables";
import { TEXT_FIELDS } from "./sections";

export * from "./content";
export * from "./sections";
export * from "./tables";

export const TEMPLATE_VERSION = "2021";
export const TEMPLATE_BASIS = "国办公开办函〔2021〕30号";

/** The generated default opening paragraph; the clerk edits the placeholders. */
export function defaultOpening(organName: string, year: number): string {
  return (
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》` +
    `（${TEMPLATE_BASIS}）要求编制。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` +
    `本报告电子版可在${organName}门户网站政府信息公开专栏查阅或下载。` +
    `如对本报告有任何疑问，请与${organName}联系（地址：    ；电话：    ）。`
  );
}

/**
 * Whether `opening` is the generated default of an organ (defaultOpening, of whichever year it names): what
 * the importer leaves in a report whose file prints no opening paragraph.
 */
export function isDefaultOpening(opening: string, organName: string): boolean {
  const year = /统计期限自(\d{4})年1月1日/.exec(opening)?.[1];
  return year !== undefined && opening === defaultOpening(organName, Number(year));
}

/** An imported header's opening as stored: none when the importer left the template's (the file printed none). */
export function storedOpening(header: { opening: string; organName: string }): string {
  return isDefaultOpening(header.opening, header.organName) ? "" : header.opening;
}

/**
 * The opening of a government's 汇总 report, as real county governments word it: compiled by the
 * government's office from the reports of its subordinate organs. `area` is what the title names
 * (示范县), `government` the full name (示范县人民政府).
 */
export function defaultRollupOpening(area: string, government: string, year: number): string {
  return (
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》` +
    `（${TEMPLATE_BASIS}）要求，由${government}办公室汇总${area}各有关单位政府信息公开工作情况编制而成。` +
    `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` +
    `本报告电子版可在${government}门户网站政府信息公开专栏查阅或下载。` +
    `如对本报告有任何疑问，请与${government}办公室联系（地址：    ；电话：    ）。`
  );
}

/** A new, blank report: every input cell blank (""), every text field empty. */
export function emptyContent(organName: string, year: number, opening = defaultOpening(organName, year)): ReportContent {
  return {
    header: { organName, titleBreak: null, opening, signDate: "" },
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f.id, ""])),
    fee: { charged: null, pieces: "", amount: "" },
    cells: Object.fromEntries(INPUT_CELLS.map((c) => [c.id, ""])),
    acknowledgements: {},
  };
}
