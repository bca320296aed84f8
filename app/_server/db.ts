import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { requireDatabaseUrl } from "./env";

export type { PrismaClient } from "./generated/prisma/client";
export { Prisma } from "./generated/prisma/client";
export type { Scan, Repository, Team, ScanStatus } from "./generated/prisma/client";

const holder = globalThis as typeof globalThis & { heimdallDb?: PrismaClient };

/** The one Prisma client of this process, created on first use so that building the app needs no database. */
export function getDb(): PrismaClient {
  holder.heimdallDb ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: requireDatabaseUrl(), max: 10 }) });
  return holder.heimdallDb;
}

/** Closes the shared client at shutdown; safe to call when none was created, and `getDb` afterwards creates a new one. */
export async function disconnectDb(): Promise<void> {
  const db = holder.heimdallDb;
  holder.heimdallDb = undefined;
  await db?.$disconnect();
}
