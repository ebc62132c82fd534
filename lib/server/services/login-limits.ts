// Login limits, in the database (LoginAttempt), so that they hold across restarts and app instances:
//
//   1. username + address   LOGIN_MAX_FAILURES failed logins for a username from one address within
//                           LOGIN_WINDOW_MS lock that username FROM THAT ADDRESS (a stranger elsewhere
//                           cannot lock a clerk out of their own office).
//   2. username             LOGIN_MAX_FAILURES_USERNAME failures for a username from addresses it is not
//                           known at lock it at every unknown address that has failed within the window
//                           (for this or any username). An address is "known" for a username after a
//                           successful login from it within KNOWN_ADDRESS_MS (longer than a year: clerks log
//                           in every January): the clerk still gets in from their office while someone
//                           guesses from many addresses — and from a new address too (a changed dynamic
//                           address, a new computer, a new account), as long as no wrong password came from
//                           it: a stranger cannot keep a clerk out by failing from elsewhere. The price: each
//                           fresh address a guesser brings gets one guess per window once the lock is on.
//   3. address              LOGIN_MAX_FAILURES_ADDRESS failures from one address (any usernames) lock that
//                           address for the usernames not known there (password spraying). Generous: a
//                           training room of 60 people behind one NAT, mistyping, does not reach it.
//
// Only failures count (a training room's 60 successful logins a minute never lock anything); the
// lock lifts when the window passes, when an admin clears it (/admin/users), when the password is
// reset or the account re-enabled; a successful login from an address clears that username's failures
// from that address. Refused attempts are not counted (the lock does not extend itself).
// Better Auth's in-memory rate limit (lib/server/auth-core.ts) is only a flood guard on top.
// No server-only: lib/server/auth-core.ts (used by scripts and tests too) calls it.
import { isIP } from "node:net";
import { formatHourMinute } from "@/lib/labels";
import type { Db, DbTx, Prisma } from "../db-core";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures per username and address within the window. */
export const LOGIN_MAX_FAILURES = 10;
/** Failures per username, from addresses it is not known at, within the window. */
export const LOGIN_MAX_FAILURES_USERNAME = 20;
/** Failures per address (all usernames) within the window. */
export const LOGIN_MAX_FAILURES_ADDRESS = 100;
/** A successful login keeps its address "known" for the username this long. */
export const KNOWN_ADDRESS_MS = 400 * 24 * 3600 * 1000;

export const ACCOUNT_LOCKED_CODE = "ACCOUNT_LOCKED";
export const ADDRESS_LOCKED_CODE = "ADDRESS_LOCKED";

export type LockRule = "USERNAME_ADDRESS" | "USERNAME" | "ADDRESS";

/** Usernames are stored lower-case (Better Auth's username plugin); attempts are keyed the same way. */
export function normalizeUsername(value: unknown): string {
  return typeof value === "string" ? value.trim().toLowerCase().slice(0, 64) : "";
}

/**
 * The key of a client address: an IPv4 address as is; an IPv6 address by its /64 network (one
 * subscriber's prefix: a stranger cannot escape the limits by changing the host part); "" if unknown.
 */
export function addressKey(value: string | null | undefined): string {
  const v = (value ?? "").trim().toLowerCase();
  const kind = isIP(v);
  if (kind === 4) return v;
  if (kind !== 6) return "";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(v);
  if (mapped) return mapped[1]!;
  const [head = "", tail = ""] = v.split("::");
  const left = head ? head.split(":") : [];
  const right = v.includes("::") && tail ? tail.split(":") : [];
  const groups = v.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? g.replace(/^0+(?=.)/, "") : "0"))
    .join(":")}::/64`;
}

/** An address or an address key as listed in locks (an IPv6 /64) → the key; "" if neither. */
export function toAddressKey(value: string): string {
  const v = value.trim().toLowerCase();
  return /^[0-9a-f:]+::\/64$/.test(v) && addressKey(v.slice(0, -3)) === v ? v : addressKey(v);
}

export type LoginVerdict =
  | { allowed: true }
  | { allowed: false; rule: LockRule; code: string; message: string; until: Date };

function untilOf(failures: readonly { createdAt: Date }[], max: number): Date {
  // failures newest first: the lock lifts when the max-th newest leaves the window
  return new Date(failures[max - 1]!.createdAt.getTime() + LOGIN_WINDOW_MS);
}

const MESSAGES: Record<LockRule, (until: string) => string> = {
  USERNAME_ADDRESS: (t) => `登录失败次数过多，该账号在当前网络地址已临时锁定，请在 ${t} 后再试，或联系管理员解除锁定。`,
  USERNAME: (t) =>
    `该账号近期在多个陌生网络地址登录失败次数过多，已暂停从登录失败过的网络地址登录，请在 ${t} 后再试；在您平时登录的电脑上仍可登录，或联系管理员解除锁定。`,
  ADDRESS: (t) => `当前网络地址登录失败次数过多，已暂停从该地址登录新的账号，请在 ${t} 后再试，或联系管理员解除锁定。`,
};

function refused(rule: LockRule, until: Date): LoginVerdict {
  return {
    allowed: false,
    rule,
    code: rule === "ADDRESS" ? ADDRESS_LOCKED_CODE : ACCOUNT_LOCKED_CODE,
    message: MESSAGES[rule](formatHourMinute(until)),
    until,
  };
}

const live = (now: Date): Prisma.LoginAttemptWhereInput => ({
  ok: false,
  clearedAt: null,
  createdAt: { gt: new Date(now.getTime() - LOGIN_WINDOW_MS) },
});

/** Addresses among `ips` from which `username` logged in successfully within KNOWN_ADDRESS_MS. */
async function knownAddresses(db: Db | DbTx, username: string, ips: readonly string[], now: Date): Promise<Set<string>> {
  if (ips.length === 0) return new Set();
  const rows = await db.loginAttempt.findMany({
    where: { username, ok: true, ip: { in: [...ips] }, createdAt: { gt: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    distinct: ["ip"],
    select: { ip: true },
  });
  return new Set(rows.map((r) => r.ip));
}

/** May `username` try to sign in from `ip` now? (Before the password is checked.) */
export async function checkLogin(
  db: Db | DbTx,
  attempt: { username: string; ip: string | null | undefined },
  now: Date = new Date(),
): Promise<LoginVerdict> {
  const username = normalizeUsername(attempt.username);
  const ip = addressKey(attempt.ip);
  if (!username) return { allowed: true };
  // This username's live failures (bounded: refused attempts are not recorded, so once rules 1 and 2
  // lock, only known addresses can add failures).
  const mine = await db.loginAttempt.findMany({
    where: { username, ...live(now) },
    orderBy: { createdAt: "desc" },
    take: 2000,
    select: { ip: true, createdAt: true },
  });
  const here = mine.filter((f) => f.ip === ip);
  if (here.length >= LOGIN_MAX_FAILURES) return refused("USERNAME_ADDRESS", untilOf(here, LOGIN_MAX_FAILURES));

  const known = await knownAddresses(db, username, [...new Set([ip, ...mine.map((f) => f.ip)])], now);
  if (known.has(ip)) return { allowed: true };
  const strangers = mine.filter((f) => !known.has(f.ip));
  const fromHere = await db.loginAttempt.findMany({
    where: { ip, ...live(now) },
    orderBy: { createdAt: "desc" },
    take: LOGIN_MAX_FAILURES_ADDRESS,
    select: { createdAt: true },
  });
  // soft: an unknown address that has not failed in the window (any username) may still try
  if (strangers.length >= LOGIN_MAX_FAILURES_USERNAME && (!ip || fromHere.length > 0)) {
    return refused("USERNAME", untilOf(strangers, LOGIN_MAX_FAILURES_USERNAME));
  }
  if (fromHere.length >= LOGIN_MAX_FAILURES_ADDRESS) return refused("ADDRESS", untilOf(fromHere, LOGIN_MAX_FAILURES_ADDRESS));
  return { allowed: true };
}

/**
 * Records the outcome of a sign-in whose password was checked. A success clears this username's
 * failures from this address and prunes rows that no longer matter.
 */
export async function recordLoginOutcome(
  db: Db,
  attempt: { username: string; ip: string | null | undefined; ok: boolean },
  now: Date = new Date(),
): Promise<void> {
  const username = normalizeUsername(attempt.username);
  if (!username) return;
  const ip = addressKey(attempt.ip);
  await db.loginAttempt.create({ data: { username, ip, ok: attempt.ok, createdAt: now } });
  if (!attempt.ok) return;
  await db.loginAttempt.updateMany({ where: { username, ip, ok: false, clearedAt: null }, data: { clearedAt: now } });
  await db.loginAttempt.deleteMany({
    where: {
      OR: [
        { username, createdAt: { lt: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
        { ok: false, createdAt: { lt: new Date(now.getTime() - 24 * 3600_000) } },
      ],
    },
  });
}

/** Clears live failures: of a username (all addresses) or from an address (all usernames). Returns how many. */
export async function clearLoginFailures(db: Db | DbTx, target: { username: string } | { ip: string }, now: Date = new Date()): Promise<number> {
  const where: Prisma.LoginAttemptWhereInput =
    "username" in target ? { username: normalizeUsername(target.username) } : { ip: toAddressKey(target.ip) };
  const { count } = await db.loginAttempt.updateMany({ where: { ...where, ok: false, clearedAt: null }, data: { clearedAt: now } });
  return count;
}

export type LoginLock = {
  rule: LockRule;
  /** username for USERNAME_ADDRESS and USERNAME locks */
  username: string | null;
  /** address for USERNAME_ADDRESS and ADDRESS locks */
  ip: string | null;
  failures: number;
  until: Date;
};

/**
 * The locks in force now, for the admin: all of them, or those concerning one username (its
 * per-address and username-wide locks, and address locks of addresses it failed from).
 */
export async function listLoginLocks(db: Db | DbTx, filter: { username?: string } = {}, now: Date = new Date()): Promise<LoginLock[]> {
  const username = filter.username === undefined ? undefined : normalizeUsername(filter.username);
  const failures = await db.loginAttempt.findMany({
    where: { ...live(now), ...(username !== undefined ? { username } : {}) },
    orderBy: { createdAt: "desc" },
    take: 20_000,
    select: { username: true, ip: true, createdAt: true },
  });
  const group = <K>(key: (f: (typeof failures)[number]) => K) => {
    const m = new Map<K, typeof failures>();
    for (const f of failures) {
      const k = key(f);
      m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  };
  const locks: LoginLock[] = [];
  for (const list of group((f) => `${f.username}\u0000${f.ip}`).values()) {
    if (list.length >= LOGIN_MAX_FAILURES) {
      locks.push({ rule: "USERNAME_ADDRESS", username: list[0]!.username, ip: list[0]!.ip, failures: list.length, until: untilOf(list, LOGIN_MAX_FAILURES) });
    }
  }
  for (const [name, list] of group((f) => f.username)) {
    if (list.length < LOGIN_MAX_FAILURES_USERNAME) continue;
    const known = await knownAddresses(db, name, [...new Set(list.map((f) => f.ip))], now);
    const strangers = list.filter((f) => !known.has(f.ip));
    if (strangers.length >= LOGIN_MAX_FAILURES_USERNAME) {
      locks.push({ rule: "USERNAME", username: name, ip: null, failures: strangers.length, until: untilOf(strangers, LOGIN_MAX_FAILURES_USERNAME) });
    }
  }
  // address locks: from all failures, or (for one username) of the addresses it failed from
  let byAddress: Map<string, typeof failures>;
  if (username === undefined) byAddress = group((f) => f.ip);
  else {
    byAddress = new Map();
    for (const ip of new Set(failures.map((f) => f.ip))) {
      const list = await db.loginAttempt.findMany({
        where: { ip, ...live(now) },
        orderBy: { createdAt: "desc" },
        take: LOGIN_MAX_FAILURES_ADDRESS,
        select: { username: true, ip: true, createdAt: true },
      });
      byAddress.set(ip, list);
    }
  }
  for (const [ip, list] of byAddress) {
    if (list.length >= LOGIN_MAX_FAILURES_ADDRESS) {
      locks.push({ rule: "ADDRESS", username: null, ip, failures: list.length, until: untilOf(list, LOGIN_MAX_FAILURES_ADDRESS) });
    }
  }
  return locks.sort((a, b) => b.until.getTime() - a.until.getTime());
}
