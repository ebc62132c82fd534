import { describe, expect, it } from "vitest";
import { normalizeSignDate, signDateProblem } from "./text";

describe("成文日期 as typed", () => {
  it("a real date typed another common way becomes the format's form", () => {
    expect(normalizeSignDate("2025-01-20")).toBe("2025年1月20日");
    expect(normalizeSignDate(" 2025/1/20 ")).toBe("2025年1月20日");
    expect(normalizeSignDate("2025.1.2")).toBe("2025年1月2日");
    expect(normalizeSignDate("2025年01月09日")).toBe("2025年1月9日");
    expect(normalizeSignDate("２０２５年１月２０日")).toBe("2025年1月20日");
    expect(normalizeSignDate("2024-02-29")).toBe("2024年2月29日");
  });

  it("anything else is left for the rules to name (trimmed, digits ASCII)", () => {
    expect(normalizeSignDate("2025-02-30")).toBe("2025-02-30");
    expect(normalizeSignDate("2025年13月1日")).toBe("2025年13月1日");
    expect(normalizeSignDate(" 明年一月 ")).toBe("明年一月");
    expect(normalizeSignDate("")).toBe("");
    expect(normalizeSignDate("2025年1月20日")).toBe("2025年1月20日");
  });

  it("names what is wrong: a day that does not exist, or a form it cannot read", () => {
    expect(signDateProblem("2025年1月20日", "2025年1月20日")).toBeNull();
    expect(signDateProblem("  ", "2025年1月20日")).toBeNull();
    expect(signDateProblem("2025年2月29日", "2025年1月20日")).toBe("成文日期“2025年2月29日”不存在，请核对年、月、日。");
    expect(signDateProblem("2025-04-31", "2025年1月20日")).toBe("成文日期“2025-04-31”不存在，请核对年、月、日。");
    expect(signDateProblem("2025年1月", "2025年1月20日")).toBe("成文日期“2025年1月”无法识别，格式应为“2025年1月20日”（月、日不加 0）。");
  });
});
