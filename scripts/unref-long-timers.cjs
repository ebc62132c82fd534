// Preloaded (node --require) into `prisma migrate deploy` by scripts/db-setup.ts.
// Prisma 6.19's wasm schema engine arms a 10 s timeout (a race around the PostgreSQL advisory lock)
// and never clears it, so the CLI lingers ~10 s after finishing. Timeouts that long are only ever
// races, not work, so they must not keep the process alive.
"use strict";
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeout(fn, ms, ...args) {
  const t = originalSetTimeout.call(this, fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && t && typeof t.unref === "function") t.unref();
  return t;
};
