import type { Metadata } from "next";
import { Suspense } from "react";
import { Loading } from "../_components/LoadState";
import { RulesView } from "../_components/RulesView";

export const metadata: Metadata = { title: "Rules — Heimdall" };

/** `/rules`: the rule catalogue with compliance per rule. */
export default function RulesPage() {
  return (
    <Suspense fallback={<Loading what="the rules" />}>
      <RulesView />
    </Suspense>
  );
}
