import { describe, expect, it } from "vitest";
import * as all from "./index";
import * as client from "./client";
import * as schema from "./schema";

describe("lib/report/client", () => {
  it("exports all of lib/report but the zod schemas", () => {
    const expected = Object.keys(all).filter((k) => !(k in schema)).sort();
    expect(Object.keys(client).sort()).toEqual(expected);
  });
});
