import { describe, expect, it } from "vitest";
import { printedFieldText, stripLeadingHeading } from "./index";

describe("stripLeadingHeading", () => {
  it.each([
    ["（一）主动公开。本年度主动公开政府信息 88 条。", "本年度主动公开政府信息 88 条。"],
    ["（一）主动公开\n本年度主动公开政府信息 88 条。", "本年度主动公开政府信息 88 条。"],
    ["（一）主动公开\r\n\r\n本年度…", "本年度…"],
    ["  (一) 主动公开：本年度…", "本年度…"],
    ["一、主动公开\n本年度…", "本年度…"], // renumbered in the Word file
    ["（二）主动公开。本年度…", "本年度…"],
    ["（一）主动公开 本年度…", "本年度…"],
    ["（一）主动公开", ""],
    ["（一）主动公开。", ""],
    // as last year's files word it (seen in a sweep: pasted, printed twice)
    ["（一）主动公开情况\n\n\u3000\u3000本年度…", "本年度…"],
    ["（一）主动公开政务信息情况。本年度…", "本年度…"],
    ["（一）主动公开工作情况\n本年度…", "本年度…"],
  ])("removes the heading of 「（一）主动公开」 from %j", (text, rest) => {
    expect(stripLeadingHeading("s1.active", text)).toEqual({ text: rest, heading: "（一）主动公开" });
  });

  it.each([
    "本年度主动公开政府信息 88 条。",
    "（一）主动公开方面，本年度…", // the heading's words begin a sentence
    "（一）主动公开工作扎实推进。本年度…",
    "（一）主动公开政府信息 88 条。",
    "主动公开。本年度…", // no numeral: not a heading
    "本年度（一）主动公开。", // not at the start
    "（一）依申请公开。本年度…", // another field's heading
    "",
  ])("leaves %j alone", (text) => {
    expect(stripLeadingHeading("s1.active", text)).toBeNull();
    expect(printedFieldText("s1.active", text)).toBe(text);
  });

  it("uses each field's own heading; sections without sub-headings use the section's heading and its variants", () => {
    expect(stripLeadingHeading("s1.platform", "（四）政府信息公开平台建设\n依托政府网站…")).toEqual({
      text: "依托政府网站…",
      heading: "（四）政府信息公开平台建设",
    });
    expect(stripLeadingHeading("s1.management", "（三）政府信息管理情况\n严格落实…")?.text).toBe("严格落实…");
    expect(stripLeadingHeading("s1.platform", "（四）平台建设情况。依托…")?.text).toBe("依托…");
    expect(stripLeadingHeading("s5", "五、存在的主要问题及改进情况\n一是…")).toEqual({
      text: "一是…",
      heading: "五、存在的主要问题及改进情况",
    });
    expect(stripLeadingHeading("s5", "五、政府信息公开工作存在的主要问题及改进情况。一是…")?.text).toBe("一是…");
    expect(stripLeadingHeading("s6", "六、其他需要报告的事项\n无。")?.text).toBe("无。");
    expect(stripLeadingHeading("s1.lead", "一、总体情况\n2023年…")?.text).toBe("2023年…");
    expect(stripLeadingHeading("s5", "一是公开意识有待加强。")).toBeNull();
    expect(stripLeadingHeading("no.such.field", "（一）主动公开")).toBeNull();
  });
});
