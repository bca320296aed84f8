import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "../_components/SignInForm";
import { safeNext } from "../_lib/page-path";
import { pageSession } from "../_server/auth/page-session";

export const metadata: Metadata = { title: "Sign in — Heimdall" };

/** `/login?next=/path`: the sign-in form; someone already signed in goes straight on to `next`. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = typeof next === "string" ? next : null;
  if (await pageSession()) redirect(safeNext(target));
  return <SignInForm next={target} />;
}
