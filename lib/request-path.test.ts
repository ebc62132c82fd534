import { describe, expect, it } from "vitest";
import { loginPathFor } from "./request-path";

describe("loginPathFor", () => {
  it("comes back to the page asked for, its query included", () => {
    expect(loginPathFor("/reports/abc")).toBe("/login?next=%2Freports%2Fabc");
    expect(loginPathFor("/dashboard?year=2024&status=SUBMITTED")).toBe("/login?next=%2Fdashboard%3Fyear%3D2024%26status%3DSUBMITTED");
  });

  it("plain /login for the start page, the login page itself, API routes and anything not a same-site path", () => {
    for (const p of [null, undefined, "", "/", "/login", "/login?next=%2Freports", "/api/reports/x/pdf", "/_next/data", "//evil.example/x", "/\\evil", "https://evil.example/"]) {
      expect(loginPathFor(p)).toBe("/login");
    }
  });
});
