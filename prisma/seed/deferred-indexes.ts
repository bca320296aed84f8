import type { RowQueryable } from "./bulk-insert";

/**
 * Runs `load` in one transaction with the indexes, primary keys and foreign keys of `tables` dropped, then recreates them
 * from their own definitions (read from the catalog, so indexes added by later migrations come back too) — what
 * pg_restore does: building an index over loaded rows is several times faster than updating it row by row. All or
 * nothing: on any error the transaction rolls back and the tables are as they were. Holds an exclusive lock on
 * `tables` throughout, so use it for an empty database, not one in use.
 */
export async function withDeferredIndexes<T>(db: RowQueryable, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  await db.query("BEGIN");
  try {
    const indexes = await db.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       WHERE t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [tables],
    );
    // Foreign keys first (they depend on the primary keys), primary keys last; re-created in the opposite order.
    const constraints = await db.query<{ table_name: string; name: string; definition: string }>(
      `SELECT c.conrelid::regclass::text AS table_name, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype IN ('f', 'p') AND t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace
       ORDER BY c.contype = 'p', c.conname`,
      [tables],
    );
    // heimdall-ignore injection -- identifiers cannot be bound as parameters; these come quoted from the catalog itself
    for (const constraint of constraints.rows) await db.query(`ALTER TABLE ${constraint.table_name} DROP CONSTRAINT ${constraint.name}`);
    // heimdall-ignore injection -- index names as the catalog quotes them (regclass output)
    for (const index of indexes.rows) await db.query(`DROP INDEX ${index.name}`);
    const result = await load();
    await db.query("SET LOCAL maintenance_work_mem = '256MB'");
    const [primaryKeys, foreignKeys] = [constraints.rows.filter((row) => row.definition.startsWith("PRIMARY KEY")), constraints.rows.filter((row) => !row.definition.startsWith("PRIMARY KEY"))];
    for (const constraint of primaryKeys) await addConstraint(db, constraint);
    for (const index of indexes.rows) await db.query(index.definition);
    for (const constraint of foreignKeys) await addConstraint(db, constraint);
    await db.query("COMMIT");
    return result;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Re-creates a constraint from the catalog's own definition of it (pg_get_constraintdef). */
function addConstraint(db: RowQueryable, constraint: { table_name: string; name: string; definition: string }): Promise<unknown> {
  // heimdall-ignore injection -- names and definition as the catalog wrote them; DDL takes no parameters
  return db.query(`ALTER TABLE ${constraint.table_name} ADD CONSTRAINT ${constraint.name} ${constraint.definition}`);
}
