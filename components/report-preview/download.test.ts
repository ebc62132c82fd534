import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/export/content-disposition";
import { downloadErrorMessage, fileNameFromContentDisposition, parseMissingGlyphsHeader } from "./download";

describe("fileNameFromContentDisposition", () => {
  it("reads back what the server writes", () => {
    for (const name of ["张良镇2023年政府信息公开工作年度报告.pdf", "示范县河口乡人民政府2025年政府信息公开工作年度报告.docx", "a b;c.pdf"]) {
      expect(fileNameFromContentDisposition(contentDisposition(name))).toBe(name);
    }
  });
  it("falls back to filename= and to null", () => {
    expect(fileNameFromContentDisposition('attachment; filename="report.pdf"')).toBe("report.pdf");
    expect(fileNameFromContentDisposition("attachment; filename=report.pdf")).toBe("report.pdf");
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''%E0%A4%A; filename=\"x.pdf\"")).toBe("x.pdf");
    expect(fileNameFromContentDisposition("inline")).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });
});

describe("messages", () => {
  it("tells 404, server errors and network failures apart, in Chinese", () => {
    expect(downloadErrorMessage("pdf", 404)).toContain("找不到该报告");
    expect(downloadErrorMessage("docx", 500)).toBe("生成 Word 文件失败（服务器错误 500），请稍后重试。");
    expect(downloadErrorMessage("pdf", 500)).toBe("生成 PDF 失败（服务器错误 500），请稍后重试。");
    expect(downloadErrorMessage("pdf", 0)).toBe("网络错误，PDF 未能下载。请检查网络连接后重试。");
  });
  it("decodes the missing-glyph header", () => {
    expect(parseMissingGlyphsHeader(encodeURIComponent("堃喆😀"))).toEqual(["堃", "喆", "😀"]);
    expect(parseMissingGlyphsHeader("")).toEqual([]);
    expect(parseMissingGlyphsHeader("%E0%A4%A")).toEqual([]);
  });
});
