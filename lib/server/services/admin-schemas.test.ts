import { describe, expect, it } from "vitest";
import { organInputSchema } from "./admin-schemas";

const organ = { fullName: "示范县石桥镇人民政府", shortName: "石桥镇", kind: "TOWNSHIP", parentId: "county" };
const sortOrder = (v: unknown) => {
  const r = organInputSchema.safeParse({ ...organ, sortOrder: v });
  return r.success ? r.data.sortOrder : r.error.issues.map((i) => i.message);
};

describe("organInputSchema: 排序", () => {
  it("accepts full-width digits as typed with a Chinese input method", () => {
    expect(sortOrder("１０")).toBe(10);
    expect(sortOrder("\u3000２ ")).toBe(2);
    expect(sortOrder("10")).toBe(10);
    expect(sortOrder(undefined)).toBe(0);
  });
  it("still refuses what is not a whole number from 0 to 9999", () => {
    for (const v of ["abc", "-1", "１０００００", "1.5"]) expect(sortOrder(v)).toEqual(["排序须为 0 至 9999 之间的整数"]);
  });
});
