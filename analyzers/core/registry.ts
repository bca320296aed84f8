import type { Analyzer } from "./analyzer";
import { blockingCalls } from "../rules/blocking-calls";
import { ciPipeline } from "../rules/ci-pipeline";
import { complexity } from "../rules/complexity";
import { coverage } from "../rules/coverage";
import { decisionRecords } from "../rules/decision-records";
import { dependencyInversion } from "../rules/dependency-inversion";
import { docComments } from "../rules/doc-comments";
import { dockerfile } from "../rules/dockerfile";
import { duplication } from "../rules/duplication";
import { e2eSuite } from "../rules/e2e-suite";
import { emptyTests } from "../rules/empty-tests";
import { envFile } from "../rules/env-file";
import { exceptions } from "../rules/exceptions";
import { frameworkIndependence } from "../rules/framework-independence";
import { functionSize } from "../rules/function-size";
import { healthEndpoint } from "../rules/health-endpoint";
import { injection } from "../rules/injection";
import { interfaceSegregation } from "../rules/interface-segregation";
import { layering } from "../rules/layering";
import { license } from "../rules/license";
import { logs } from "../rules/logs";
import { naming } from "../rules/naming";
import { queryInLoop } from "../rules/query-in-loop";
import { readme } from "../rules/readme";
import { secrets } from "../rules/secrets";
import { testPresence } from "../rules/test-presence";
import { typeSafety } from "../rules/type-safety";
import { unusedExports } from "../rules/unused-exports";
import { versioning } from "../rules/versioning";

/** Every analyzer Heimdall runs, in id order. A test checks that each folder under `analyzers/rules/` is listed and documented. */
export const ANALYZERS: readonly Analyzer<never>[] = ([
  blockingCalls,
  ciPipeline,
  complexity,
  coverage,
  decisionRecords,
  dependencyInversion,
  docComments,
  dockerfile,
  duplication,
  e2eSuite,
  emptyTests,
  envFile,
  exceptions,
  frameworkIndependence,
  functionSize,
  healthEndpoint,
  injection,
  interfaceSegregation,
  layering,
  license,
  logs,
  naming,
  queryInLoop,
  readme,
  secrets,
  testPresence,
  typeSafety,
  unusedExports,
  versioning,
] as unknown[]) as Analyzer<never>[];

/** The analyzer with this id, or undefined. */
export function findAnalyzer(id: string): Analyzer<never> | undefined {
  return ANALYZERS.find((analyzer) => analyzer.meta.id === id);
}
