/**
 * The document properties of the exported files, read back as a reader's "Properties" dialog would:
 * title, author (the organ), subject, and the language zh-CN — in the PDF (its Info dictionary and the
 * catalog's /Lang, through pdf.js) and in the DOCX (docProps/core.xml and the styles' w:lang).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDocumentProxy, getMeta } from "unpdf";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildViewModel } from "./build-view-model";
import { renderPdf } from "./pdf/render";
import { renderDocx } from "./docx/render";
import { unzip } from "./docx/testing/ooxml";

const ORGAN = "鲁山县张良镇人民政府";
const TITLE = `${ORGAN}2023年政府信息公开工作年度报告`;
const vm = buildViewModel({ year: 2023, status: "PUBLISHED", content: zhangliangContent(ORGAN) });

describe("PDF properties", () => {
  let info: Record<string, unknown>;
  beforeAll(async () => {
    const pdf = await renderPdf(vm);
    ({ info } = await getMeta(await getDocumentProxy(new Uint8Array(pdf))));
  }, 120_000);

  it("title, author (the organ), subject and language zh-CN", () => {
    expect(info.Title).toBe(TITLE);
    expect(info.Author).toBe(ORGAN);
    expect(info.Subject).toBe("政府信息公开工作年度报告");
    expect(info.Language).toBe("zh-CN");
  });
});

describe("DOCX properties", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = unzip(await renderDocx(vm));
  }, 120_000);

  it("title, creator (the organ), subject, description in docProps/core.xml", () => {
    const core = files.get("docProps/core.xml") ?? "";
    expect(core).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(core).toContain(`<dc:creator>${ORGAN}</dc:creator>`);
    expect(core).toContain("<dc:subject>政府信息公开工作年度报告</dc:subject>");
    expect(core).toContain("<dc:description>政府信息公开工作年度报告</dc:description>");
  });

  it("language zh-CN in the default run properties", () => {
    const styles = files.get("word/styles.xml") ?? "";
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>[\s\S]*<\/w:docDefaults>/);
  });
});
