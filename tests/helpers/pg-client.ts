import { Client } from "pg";
import { afterAll, beforeAll, inject } from "vitest";

/**
 * A plain pg connection to the integration database for the whole file (for seeding with the demo's bulk writer and
 * for reading rows directly): opened before the file's tests, closed after. Read `.client` inside tests.
 */
export function useDatabaseClient(): { client: Client } {
  const holder = {} as { client: Client };
  beforeAll(async () => {
    holder.client = new Client({ connectionString: inject("databaseUrl") });
    await holder.client.connect();
  });
  afterAll(async () => {
    await holder.client.end();
  });
  return holder;
}
