// Longest values of the admin forms' text fields. Pure: the server's zod schemas (lib/server/services/admin-schemas.ts)
// refuse longer ones, and the forms (components/admin) set maxLength and say 「最多 N 个字」 from the same numbers.

/** Longest full and short names of an organ (characters). */
export const ORGAN_NAME_MAX = { fullName: 60, shortName: 20 } as const;

/** Longest username (ASCII characters: lower-case letters, digits, _ . -). */
export const USERNAME_MAX = 32;

/** Longest 姓名 of an account (characters). */
export const DISPLAY_NAME_MAX = 30;
