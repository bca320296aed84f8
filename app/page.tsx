import { Suspense } from "react";
import { Loading } from "./_components/LoadState";
import { OverviewView } from "./_components/OverviewView";

/** `/`: the organisation overview (the filters live in the URL, read in the browser; the shell renders at once). */
export default function OverviewPage() {
  return (
    <Suspense fallback={<Loading what="the overview" />}>
      <OverviewView />
    </Suspense>
  );
}
