// Work-around for https://github.com/prisma/orm/issues/27403 (open in Prisma 6.19): the JS schema
// engine (migrate deploy / diff through @prisma/adapter-pg) reads pg_catalog columns of type
// `name` (and `char`), which the adapter cannot map ("Column type 'name' could not be
// deserialized"). This pg.Client subclass reports those catalog types as `text` in result metadata;
// their values are plain strings already, so nothing else changes. Application tables never use
// these types, so using it for the runtime client as well is harmless.
import pg from "pg";

const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
/** catalog-only types whose text representation is a plain string */
const AS_TEXT = new Map<number, number>([
  [18, TEXT_OID], // "char"
  [19, TEXT_OID], // name
  [1002, TEXT_ARRAY_OID], // "char"[]
  [1003, TEXT_ARRAY_OID], // name[]
]);

function patchFields<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Array<{ fields?: Array<{ dataTypeID: number }> } | undefined>) {
    for (const f of r?.fields ?? []) {
      const to = AS_TEXT.get(f.dataTypeID);
      if (to !== undefined) f.dataTypeID = to;
    }
  }
  return result;
}

export class CatalogTypesAsTextClient extends pg.Client {
  // pg's overloads are impractical to re-declare; behaviour is forwarded unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: Error | null, res: unknown) => void;
      args[cbIndex] = (err: Error | null, res: unknown) => cb(err, err ? res : patchFields(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r = (super.query as any)(...args);
    return r && typeof r.then === "function" ? r.then(patchFields) : r;
  }
}

/** pg.PoolConfig for PrismaPg with the work-around applied. */
export function pgPoolConfig(connectionString: string, extra: pg.PoolConfig = {}): pg.PoolConfig {
  return { connectionString, Client: CatalogTypesAsTextClient, ...extra };
}
