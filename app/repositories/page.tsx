import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "../_components/LoadState";
import { RepositoriesView } from "../_components/RepositoriesView";

export const metadata: Metadata = { title: "Repositories — Heimdall" };

/** `/repositories`: the repository list and the registration form. */
export default function RepositoriesPage() {
  return (
    <Suspense fallback={<Loading what="the repositories" />}>
      <RepositoriesView />
    </Suspense>
  );
}
