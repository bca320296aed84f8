/** The fixture table every analyzer ships in `rules/<id>/fixtures/cases.ts`, run by one generic test. */
export interface FixtureCase {
  name: string;
  /** Relative path → file content: a mini repository. */
  files: Record<string, string>;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  file: string;
  line: number;
  endLine?: number;
  /** Text the message must contain, e.g. the function's name. */
  message?: string;
}

export interface AnalyzerFixtures {
  valid: FixtureCase[];
  invalid: Array<FixtureCase & { findings: ExpectedFinding[] }>;
}
