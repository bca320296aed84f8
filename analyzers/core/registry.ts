import type { Analyzer } from "./analyzer";
import { duplication } from "../rules/duplication";
import { functionSize } from "../rules/function-size";
import { layering } from "../rules/layering";

/** Every analyzer Heimdall runs. A test checks that each folder under `analyzers/rules/` is listed and documented. */
export const ANALYZERS: readonly Analyzer<never>[] = [duplication as Analyzer<never>, functionSize as Analyzer<never>, layering as Analyzer<never>];

export function findAnalyzer(id: string): Analyzer<never> | undefined {
  return ANALYZERS.find((analyzer) => analyzer.meta.id === id);
}
