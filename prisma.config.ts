// Prisma 6.19 CLI configuration. The JavaScript (WebAssembly) schema engine is used because the native engine is
// downloaded at run time, which these machines cannot do (docs/adr/0002-prisma-6-19-with-driver-adapter.md).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { createMigrationPool } from "./prisma/migration-pool";

// `prisma generate` reads the datasource url only to learn the provider; without one it falls back to the native
// query engine and tries to download it. Generation never connects, so a placeholder is enough there.
if (process.argv.includes("generate")) process.env.DATABASE_URL ??= "postgresql://localhost:5432/heimdall";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return new PrismaPg(createMigrationPool(process.env.DATABASE_URL ?? ""));
  },
});
