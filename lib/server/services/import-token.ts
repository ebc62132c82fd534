// The parsed result of an upload, carried to the confirmation by the client without being trusted:
// deflated JSON, base64url, and an HMAC-SHA256 over it keyed from the auth secret (lib/server/secret.ts).
// Nothing is stored between the upload and the confirmation; a token is bound to the user and the organ
// and expires after TOKEN_TTL_MS. The content inside is validated again (draftContentSchema) on use.
import { createHmac, timingSafeEqual } from "node:crypto";
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import type { ImportFormat } from "@/lib/import/types";
import { getAuthSecret } from "../secret";

/** How long the review screen may stay open before the file has to be uploaded again. */
export const TOKEN_TTL_MS = 4 * 60 * 60 * 1000;
/** Tokens longer than this are refused unread (the server action's body limit is 1 MB). */
export const MAX_TOKEN_CHARS = 900_000;

export type ImportTokenPayload = {
  v: 1;
  userId: string;
  organId: string;
  fileName: string;
  format: ImportFormat;
  /** The year and organ name as recognised in the file (before the clerk's corrections). */
  year: number | null;
  organName: string | null;
  /** The parsed ReportContent (validated again on use). */
  content: unknown;
  /** Cell ids the clerk may correct. */
  correctable: string[];
  /** Issued at (ms). */
  iat: number;
};

function key(secret: string): Buffer {
  // A key of its own, derived from the auth secret: a token can never pass for anything Better Auth signs.
  return createHmac("sha256", secret).update("nianbao/import-token/v1").digest();
}

function mac(body: string, secret: string): Buffer {
  return createHmac("sha256", key(secret)).update(body).digest();
}

export function signImportToken(payload: ImportTokenPayload, secret = getAuthSecret()): string {
  const body = Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 6 })).toString("base64url");
  return `${body}.${mac(body, secret).toString("base64url")}`;
}

export type TokenCheck = { ok: true; payload: ImportTokenPayload } | { ok: false; reason: "invalid" | "expired" };

export function verifyImportToken(token: unknown, now = Date.now(), secret = getAuthSecret()): TokenCheck {
  if (typeof token !== "string" || token.length > MAX_TOKEN_CHARS) return { ok: false, reason: "invalid" };
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return { ok: false, reason: "invalid" };
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const want = mac(body, secret);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return { ok: false, reason: "invalid" };
  let payload: ImportTokenPayload;
  try {
    payload = JSON.parse(strFromU8(inflateSync(Buffer.from(body, "base64url")))) as ImportTokenPayload;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (payload?.v !== 1 || typeof payload.iat !== "number" || !Array.isArray(payload.correctable)) {
    return { ok: false, reason: "invalid" };
  }
  if (now - payload.iat > TOKEN_TTL_MS || payload.iat - now > 60_000) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}
