import { describe, expect, it } from "vitest";
import { PAGE_SIZE, pageOf } from "./paging";

describe("pageOf", () => {
  it("keeps a page past the end on the last page (110 rows of 50: /audit?page=999 is page 3 of 3)", () => {
    expect(pageOf("999", 110, 50)).toEqual({ page: 3, pages: 3, skip: 100 });
    expect(pageOf(999, 110, 50)).toEqual({ page: 3, pages: 3, skip: 100 });
    expect(pageOf("4", 110, 50).page).toBe(3);
  });

  it("takes pages within the range as asked", () => {
    expect(pageOf("2", 110, 50)).toEqual({ page: 2, pages: 3, skip: 50 });
    expect(pageOf("3", 250)).toEqual({ page: 3, pages: 3, skip: 2 * PAGE_SIZE });
  });

  it("reads page 1 for a page below 1, a fraction, or no number at all", () => {
    for (const raw of ["0", "-1", "-999", "abc", "2.5", "", " ", "1e3x", undefined, null, 0, -3, 1.5, NaN]) {
      expect(pageOf(raw, 110, 50), String(raw)).toEqual({ page: 1, pages: 3, skip: 0 });
    }
  });

  it("has one page, page 1, for an empty list", () => {
    expect(pageOf("999", 0)).toEqual({ page: 1, pages: 1, skip: 0 });
    expect(pageOf(undefined, 0)).toEqual({ page: 1, pages: 1, skip: 0 });
  });
});
