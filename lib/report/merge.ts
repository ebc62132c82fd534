/**
 * Three-way merge, field by field, for every editor that saves a document made of independent fields
 * (the report's content; registers and roll-ups use the same shape). A save carries, for each field the
 * user changed, the value it started from (`base`) and the new value; the server merges it into what it
 * holds now (`theirs`):
 *   theirs == base   → the change is applied (nobody else touched the field)
 *   theirs == value  → nothing to do (both sides made the same change)
 *   otherwise        → a conflict: both sides changed the field; it is put to the user with both values.
 * Fields the save does not name are never touched, so changes to different fields are all kept. Pure.
 */

export type FieldChange<V> = { ref: string; base: V; value: V };
export type FieldConflict<V> = { ref: string; base: V; mine: V; theirs: V };

export type MergeOutcome<V> = {
  /** Changes to write: the field's new value. */
  apply: FieldChange<V>[];
  /** Fields changed on both sides to different values (nothing written for them). */
  conflicts: FieldConflict<V>[];
};

export function mergeChanges<V>(
  changes: readonly FieldChange<V>[],
  theirs: (ref: string) => V,
  equals: (a: V, b: V) => boolean,
): MergeOutcome<V> {
  const out: MergeOutcome<V> = { apply: [], conflicts: [] };
  const seen = new Set<string>();
  for (const c of changes) {
    if (seen.has(c.ref)) continue; // a ref twice in one save: the first one counts
    seen.add(c.ref);
    const now = theirs(c.ref);
    if (equals(now, c.value)) continue;
    if (equals(now, c.base)) out.apply.push(c);
    else out.conflicts.push({ ref: c.ref, base: c.base, mine: c.value, theirs: now });
  }
  return out;
}

/**
 * The client's side of the same merge, after the server answered a save or a poll.
 *
 * `base`: per field, the server value this editor last knew (what its pending edits started from);
 * `sent`: the editor's values when the save was sent (or `base` for a poll);
 * `local`: the editor's values now; `server`: the server's values now (after the save).
 * For each field the server reports:
 *   - not edited since it was sent → the editor takes the server's value (others' changes come in),
 *   - edited since → the editor keeps its edit; its base advances only when the server holds what was
 *     sent (so that the next save still detects a change made by someone else meanwhile).
 * Returns the new base values and the values to write into the editor.
 */
export function absorbServer<V>(
  refs: Iterable<string>,
  get: { base: (ref: string) => V; sent: (ref: string) => V; local: (ref: string) => V; server: (ref: string) => V },
  equals: (a: V, b: V) => boolean,
  skip: (ref: string) => boolean = () => false,
): { base: [string, V][]; local: [string, V][] } {
  const base: [string, V][] = [];
  const local: [string, V][] = [];
  for (const ref of refs) {
    if (skip(ref)) continue;
    const server = get.server(ref);
    const sent = get.sent(ref);
    const now = get.local(ref);
    if (equals(now, sent)) {
      if (!equals(get.base(ref), server)) base.push([ref, server]);
      if (!equals(now, server)) local.push([ref, server]);
    } else if (equals(server, sent) && !equals(get.base(ref), sent)) {
      base.push([ref, sent]);
    }
  }
  return { base, local };
}
