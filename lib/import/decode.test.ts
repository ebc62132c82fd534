import { describe, expect, it } from "vitest";
import { decodeRunTogether, T3_ROW_RULES, T4_ROW_RULES } from "./decode";

const t3 = (s: string | string[]) => decodeRunTogether(Array.isArray(s) ? s : [s], 7, { sums: T3_ROW_RULES });
const t4 = (s: string | string[]) => decodeRunTogether(Array.isArray(s) ? s : [s], 15, { sums: T4_ROW_RULES });

describe("decodeRunTogether — unique decodings", () => {
  it("one digit per cell", () => {
    expect(t3("0000000")).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    expect(t3("1000001")).toEqual([[1, 0, 0, 0, 0, 0, 1]]);
    expect(t3("3100004")).toEqual([[3, 1, 0, 0, 0, 0, 4]]);
  });

  it("a two-digit total pinned by the row sum", () => {
    // 自然人 9, 商业企业 3 → 总计 12: only 9|3|0|0|0|0|12 sums.
    expect(t3("93000012")).toEqual([[9, 3, 0, 0, 0, 0, 12]]);
  });

  it("zeros never carry a leading zero, so runs of zeros split one per cell", () => {
    expect(t3("120000012")).toEqual([[12, 0, 0, 0, 0, 0, 12]]);
    expect(t3("100000010")).toEqual([[10, 0, 0, 0, 0, 0, 10]]);
  });

  it("table 四: zhangliang's row 0 0 0 0 0 | 0 2 1 0 3 | 0 0 0 0 0 printed without separators", () => {
    expect(t4("000000210300000")).toEqual([[0, 0, 0, 0, 0, 0, 2, 1, 0, 3, 0, 0, 0, 0, 0]]);
  });

  it("partly separated tokens: each token is cut into one or more cells, in order", () => {
    expect(t3(["9", "300", "0012"])).toEqual([[9, 3, 0, 0, 0, 0, 12]]);
    expect(t4(["00000", "02103", "00000"])).toEqual([[0, 0, 0, 0, 0, 0, 2, 1, 0, 3, 0, 0, 0, 0, 0]]);
  });

  it("without sum rules, a string with as many digits as cells is unique", () => {
    expect(decodeRunTogether(["000"], 3)).toEqual([[0, 0, 0]]);
    expect(decodeRunTogether(["100"], 3)).toEqual([[1, 0, 0]]);
  });
});

describe("decodeRunTogether — ambiguous decodings", () => {
  it("自然人 12, 商业企业 1, four zeros, 总计 13 → '121000013' has two decodings that sum", () => {
    const d = t3("121000013");
    expect(d).toContainEqual([12, 1, 0, 0, 0, 0, 13]);
    expect(d).toContainEqual([1, 2, 10, 0, 0, 0, 13]);
    expect(d).toHaveLength(2);
  });

  it("a token boundary does not make it unique: '12' may be 12 or 1|2", () => {
    expect(t3(["12", "10000", "13"])).toEqual([
      [1, 2, 10, 0, 0, 0, 13],
      [12, 1, 0, 0, 0, 0, 13],
    ]);
  });

  it("without rules, more digits than cells is ambiguous", () => {
    expect(decodeRunTogether(["1234"], 3)).toEqual([
      [1, 2, 34],
      [1, 23, 4],
      [12, 3, 4],
    ]);
  });

  it("the limit bounds the work on long strings", () => {
    const d = decodeRunTogether(["1".repeat(30)], 15, { limit: 5 });
    expect(d).toHaveLength(5);
  });
});

describe("decodeRunTogether — impossible strings", () => {
  it("no cut satisfies the row sum", () => {
    // The brief's "1210000013" has five zeros: 12|1|0|0|0|0 would need "121000013". Nothing sums.
    expect(t3("1210000013")).toEqual([]);
    expect(t3("1111111")).toEqual([]);
  });

  it("too few or too many digits", () => {
    expect(t3("000000")).toEqual([]);
    expect(t3("0".repeat(8))).toEqual([]);
    expect(decodeRunTogether(["1".repeat(50)], 3)).toEqual([]);
  });

  it("non-digits and more tokens than cells", () => {
    expect(t3("12a0000")).toEqual([]);
    expect(decodeRunTogether(["1", "2", "3"], 2)).toEqual([]);
  });

  it("table 四 groups that do not sum", () => {
    expect(t4("000002103000000")).toEqual([]);
  });
});
