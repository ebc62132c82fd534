import { describe, expect, it } from "vitest";
import { serializeSignedCookie } from "better-call";
import { cookieValue, sessionRefreshDue, signedSessionToken, SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S } from "./session-cookie";

const SECRET = "unit-test-secret-0123456789abcdefghij";
/** The cookie value as Better Auth sets it (better-call signs and URL-encodes it). */
const signCookieValue = async (value: string, secret: string) =>
  (await serializeSignedCookie("c", value, secret)).split(";")[0]!.slice("c=".length);

describe("session cookie", () => {
  it("reads a cookie by name, URL-decoded; null when absent or undecodable", () => {
    expect(cookieValue("a=1; nianbao.session_token=x%2By; b=2", "nianbao.session_token")).toBe("x+y");
    expect(cookieValue("a=1", "nianbao.session_token")).toBeNull();
    expect(cookieValue("nianbao.session_token=%E0%A4%A", "nianbao.session_token")).toBeNull();
    expect(cookieValue(null, "x")).toBeNull();
    // a name that merely ends like it is another cookie
    expect(cookieValue("xnianbao.session_token=1", "nianbao.session_token")).toBeNull();
  });

  it("accepts exactly what Better Auth signed (better-call's signCookieValue), under either cookie name", async () => {
    const token = "AbCdEf0123456789abcdef0123456789";
    const signed = await signCookieValue(token, SECRET);
    expect(signedSessionToken(`nianbao.session_token=${signed}`, SECRET)).toBe(token);
    expect(signedSessionToken(`__Secure-nianbao.session_token=${signed}`, SECRET)).toBe(token);
    expect(signedSessionToken(`nianbao.session_token=${signed}`, SECRET + "x")).toBeNull();
    const other = await signCookieValue(token + "x", SECRET);
    const otherSig = decodeURIComponent(other).split(".").at(-1)!;
    expect(signedSessionToken(`nianbao.session_token=${encodeURIComponent(`${token}.${otherSig}`)}`, SECRET)).toBeNull();
    expect(signedSessionToken(`nianbao.session_token=${token}`, SECRET)).toBeNull();
    expect(signedSessionToken(`nianbao.session_token=${encodeURIComponent(`${token}.short=`)}`, SECRET)).toBeNull();
    expect(signedSessionToken("", SECRET)).toBeNull();
  });

  it("is due to be extended as Better Auth decides: once the session was set more than updateAge ago", () => {
    const now = new Date("2026-01-20T08:00:00Z");
    const setAt = (msAgo: number) => new Date(now.getTime() - msAgo + SESSION_EXPIRES_IN_S * 1000);
    expect(sessionRefreshDue(setAt(0), now)).toBe(false);
    expect(sessionRefreshDue(setAt(SESSION_UPDATE_AGE_S * 1000 - 1), now)).toBe(false);
    expect(sessionRefreshDue(setAt(SESSION_UPDATE_AGE_S * 1000), now)).toBe(true);
  });
});
