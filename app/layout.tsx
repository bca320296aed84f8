import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./_components/Providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Heimdall — guide compliance",
  description: "Scores repositories against the ASGUARD01 Software Design Guide and charts compliance over time.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav className="topbar" aria-label="Main">
          <Link href="/" className="brand">
            Heimdall
          </Link>
          <span className="muted small">ASGUARD01 guide compliance</span>
        </nav>
        <main className="container">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
