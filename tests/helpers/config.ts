import { ANALYZERS, type AnalyzeOptions } from "@/analyzers";

/** Analyze options that switch off every analyzer but the given ones, for tests about one rule or the engine. */
export function onlyRules(...ids: string[]): AnalyzeOptions {
  const others = ANALYZERS.map((analyzer) => analyzer.meta.id).filter((id) => !ids.includes(id));
  return { config: [{ rules: Object.fromEntries(others.map((id) => [id, { enabled: false }])) }] };
}
