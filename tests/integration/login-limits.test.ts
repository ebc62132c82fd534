// Login limits (lib/server/services/login-limits.ts): address keys, and the limits through Better Auth's
// sign-in on SQLite (login-limits.shared.ts; PostgreSQL: login-limits-postgres.test.ts, the training room:
// login-limits-room.test.ts — separate files so that they run side by side).
import { describe, expect, it } from "vitest";
import { addressKey, toAddressKey } from "@/lib/server/services/login-limits";
import { loginLimitsSuite } from "./login-limits.shared";

describe("address keys", () => {
  it("IPv4 as is, IPv6 by its /64, anything else unknown", () => {
    expect(addressKey("203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("not-an-ip")).toBe("");
    expect(addressKey(null)).toBe("");
    expect(toAddressKey("2001:db8:1:2::/64")).toBe("2001:db8:1:2::/64");
    expect(toAddressKey("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(toAddressKey("bogus::/64")).toBe("");
  });
});

loginLimitsSuite("sqlite");
