import type { Metadata } from "next";
import { SetupForm } from "../_components/SetupForm";

export const metadata: Metadata = { title: "Set up — Heimdall" };

/** `/setup?token=…`: the one-time link `npm start` prints while no admin exists. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return <SetupForm token={typeof token === "string" ? token : ""} />;
}
