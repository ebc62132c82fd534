import { describe, expect, it } from "vitest";
import * as all from "./index";
import * as client from "./client";
import * as schema from "./schema";
import * as rules from "./rules";
import * as statements from "./statements";
import * as substance from "./substance";
import * as plausibility from "./plausibility";

describe("lib/report/client", () => {
  it("exports all of lib/report but the zod schemas and the rules (loaded on demand)", () => {
    const onDemand = { ...rules, ...statements, ...substance, ...plausibility };
    const expected = Object.keys(all).filter((k) => !(k in schema) && !(k in onDemand)).sort();
    expect(Object.keys(client).sort()).toEqual(expected);
  });
});
