import type { Analyzer } from "./analyzer";
import { coverage } from "../rules/coverage";
import { duplication } from "../rules/duplication";
import { exceptions } from "../rules/exceptions";
import { functionSize } from "../rules/function-size";
import { injection } from "../rules/injection";
import { layering } from "../rules/layering";
import { logs } from "../rules/logs";
import { secrets } from "../rules/secrets";

/** Every analyzer Heimdall runs. A test checks that each folder under `analyzers/rules/` is listed and documented. */
export const ANALYZERS: readonly Analyzer<never>[] = [coverage as Analyzer<never>, duplication as Analyzer<never>, exceptions as Analyzer<never>, functionSize as Analyzer<never>, injection as Analyzer<never>, layering as Analyzer<never>, logs as Analyzer<never>, secrets as Analyzer<never>];

export function findAnalyzer(id: string): Analyzer<never> | undefined {
  return ANALYZERS.find((analyzer) => analyzer.meta.id === id);
}
