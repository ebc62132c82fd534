import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { buildViewModel } from "@/lib/export/build-view-model";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { T3_ROWS } from "@/lib/template";
import { ReportHtml } from "./report-html";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
const isEl = (n: Node): n is Element => "tagName" in n;
function all(n: Node, tag: string, out: Element[] = []): Element[] {
  if (isEl(n) && n.tagName === tag) out.push(n);
  if ("childNodes" in n) for (const c of n.childNodes) all(c, tag, out);
  return out;
}
const text = (n: Node): string => ("value" in n && n.nodeName === "#text" ? n.value : "childNodes" in n ? n.childNodes.map(text).join("") : "");
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;

describe("ReportHtml (the public report page)", () => {
  const vm = buildViewModel({ year: 2023, status: "PUBLISHED", content: zhangliangContent() });
  const doc = parseFragment(renderToStaticMarkup(<ReportHtml vm={vm} />));
  const tables = all(doc, "table");

  it("gives every table a caption: the section heading above it", () => {
    expect(tables).toHaveLength(3);
    const captions = tables.map((t) => all(t, "caption").map(text));
    expect(captions).toEqual([["二、主动公开政府信息情况"], ["三、收到和处理政府信息公开申请情况"], ["四、政府信息公开行政复议、行政诉讼情况"]]);
  });

  it("marks row labels as row headers and column labels as column headers, figures as data cells", () => {
    const t3 = tables.find((t) => attr(t, "data-table") === "t3")!;
    const rowHeaders = all(t3, "th").filter((th) => attr(th, "scope") === "row").map(text);
    expect(rowHeaders).toContain(T3_ROWS[0]!.label);
    const colHeaders = all(t3, "th").filter((th) => attr(th, "scope") === "col").map(text);
    expect(colHeaders).toContain("自然人");
    for (const td of all(t3, "td")) expect(text(td)).toMatch(/^\d*$/);
    for (const th of all(doc, "th")) expect(attr(th, "scope")).toBeTruthy();
  });
});
