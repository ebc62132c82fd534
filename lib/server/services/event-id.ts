// Ids for rows written by plain SQL where the schema says @default(cuid()) (Prisma makes those in the
// client, so SQL must too). Same shape as a cuid: "c", the time in base 36, a per-process counter and
// randomness — ordered by time like Prisma's, so that "createdAt, id" orders audit rows as before.
import { randomBytes } from "node:crypto";

let counter = 0;

export function eventId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  const time = now.toString(36).padStart(8, "0");
  const count = counter.toString(36).padStart(4, "0");
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(13, "0").slice(0, 12);
  return `c${time}${count}${random}`;
}
