/** A rule's scoring formula behind a "How is this computed?" disclosure; nothing when the rule has none. */
export function ScoringDetails({ scoring }: { scoring: string | null | undefined }) {
  if (!scoring) return null;
  return (
    <details className="small">
      <summary>How is this computed?</summary>
      {scoring}
    </details>
  );
}
