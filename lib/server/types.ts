import type { Role } from "./permissions";

/** The signed-in user as the app sees it (see lib/server/session.ts). Disabled users never get one. */
export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organId: string | null;
  /** Full name of the user's organ (e.g. 示范县青山镇人民政府), "" when none. */
  organName: string;
  organShortName: string;
  /** lib/report/organ-levels.ts ORGAN_KINDS, "" when none */
  organKind: string;
};

/** What services need from a user: ids and role only, so tests can pass plain objects. */
export type Actor = Pick<SessionUser, "id" | "role" | "organId">;
