import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "./_components/Providers";
import { TopNav } from "./_components/TopNav";
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

/** Every page: the top navigation and the content, inside the react-query provider both use. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <TopNav />
          <main className="container" id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
