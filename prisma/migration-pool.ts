import pg from "pg";

// PostgreSQL OIDs of the catalog types `name` and `char`, and of `text`.
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

interface FieldLike {
  dataTypeID: number;
}

function relabelCatalogTypes(result: unknown): void {
  const fields = (result as { fields?: FieldLike[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
}

/**
 * A pg pool for the Prisma migration engine only. The WebAssembly schema engine of Prisma 6.19 cannot deserialize
 * catalog columns of type `name`/`char`; their values are plain strings, so they are relabelled as `text`.
 */
export function createMigrationPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      // pg's pool calls client.query with a callback; direct callers use the promise.
      const callback = args.at(-1);
      if (typeof callback === "function") {
        const relabelled = (error: unknown, result: unknown) => {
          if (!error) relabelCatalogTypes(result);
          (callback as (error: unknown, result: unknown) => void)(error, result);
        };
        return query(...args.slice(0, -1), relabelled);
      }
      const pending = query(...args);
      if (pending instanceof Promise) return pending.then((result) => (relabelCatalogTypes(result), result));
      return pending;
    };
  });
  return pool;
}
