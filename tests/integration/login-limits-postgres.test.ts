// The login limits suite (login-limits.shared.ts) on PostgreSQL (TEST_POSTGRES_URL), in a file of its own so
// that it runs beside the SQLite one.
import { describe } from "vitest";
import { loginLimitsSuite } from "./login-limits.shared";
import { TEST_PROVIDERS } from "./test-db";

describe.skipIf(!TEST_PROVIDERS.includes("postgres"))("PostgreSQL (TEST_POSTGRES_URL)", () => loginLimitsSuite("postgres"));
