import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./_components/Providers";
import { TopNav } from "./_components/TopNav";
import { isPublicPage, PATH_HEADER } from "./_lib/page-path";
import { requirePageSession } from "./_server/auth/page-session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Heimdall — guide compliance",
  description: "Scores repositories against the ASGUARD01 Software Design Guide and charts compliance over time.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#171b21" },
  ],
};

/** The bar of the sign-in and setup pages: the name only, nothing to navigate to yet. */
function PublicBar() {
  return (
    <header className="topbar">
      <Link href="/login" className="brand">
        Heimdall
      </Link>
    </header>
  );
}

/**
 * Every page: the top navigation and the content, inside the react-query provider both use. Every page but sign-in and
 * setup needs a session: without one the visitor is sent to sign in and brought back here afterwards. Rendering per
 * request is what lets Next.js put proxy.ts's CSP nonce on its scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const path = (await headers()).get(PATH_HEADER) ?? "/";
  const session = isPublicPage(path) ? null : await requirePageSession();
  return (
    <html lang="en">
      <body>
        <Providers session={session?.dto ?? null}>
          {session ? <TopNav /> : <PublicBar />}
          <main className="container" id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
