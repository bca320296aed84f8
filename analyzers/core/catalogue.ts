import type { Analyzer } from "./analyzer";
import { GUIDE_SECTIONS, type GuideSectionId } from "./guide";

/** One rule of the guide as it heads a subsection: `### [DRY] Don't Repeat Yourself`. */
export interface GuideTag {
  tag: string;
  title: string;
  section: GuideSectionId;
}

/**
 * Every tag the ASGUARD01 guide (docs/guide/) heads a rule with, in the guide's order. `[UNIT]` heads two rules (single
 * responsibility in section 1, unit tests in section 7) and is listed once, under its first section. A test keeps this
 * list equal to the guide's headings.
 */
export const GUIDE_TAGS: readonly GuideTag[] = [
  { tag: "DRY", title: "Don't Repeat Yourself", section: "core-principles" },
  { tag: "KISS", title: "Keep It Simple, Stupid", section: "core-principles" },
  { tag: "YAGNI", title: "You Aren't Gonna Need It", section: "core-principles" },
  { tag: "NAME", title: "Naming Conventions", section: "core-principles" },
  { tag: "UNIT", title: "Single Responsibility / Unit Tests", section: "core-principles" },
  { tag: "INFO", title: "Self-Documenting Code", section: "core-principles" },
  { tag: "S", title: "Single Responsibility Principle", section: "solid" },
  { tag: "O", title: "Open/Closed Principle", section: "solid" },
  { tag: "L", title: "Liskov Substitution Principle", section: "solid" },
  { tag: "I", title: "Interface Segregation Principle", section: "solid" },
  { tag: "D", title: "Dependency Inversion Principle", section: "solid" },
  { tag: "LAYER", title: "Core Principles", section: "layered-topology" },
  { tag: "DIR", title: "Dependency Rule", section: "layered-topology" },
  { tag: "DB/UI", title: "Hardware Independence", section: "layered-topology" },
  { tag: "DTO", title: "Data Transfer Objects", section: "layered-topology" },
  { tag: "FACTORY", title: "Factory Pattern", section: "design-patterns" },
  { tag: "STRATEGY", title: "Strategy Pattern", section: "design-patterns" },
  { tag: "REPOSITORY", title: "Repository Pattern", section: "design-patterns" },
  { tag: "DECORATOR", title: "Decorator Pattern", section: "design-patterns" },
  { tag: "OBSERVER", title: "Observer Pattern", section: "design-patterns" },
  { tag: "TYPE", title: "Strict Type Hinting", section: "low-level-standards" },
  { tag: "LOGS", title: "Structured Logging", section: "low-level-standards" },
  { tag: "EXCEPT", title: "Custom Error Classes", section: "low-level-standards" },
  { tag: "VALID", title: "Input Validation", section: "low-level-standards" },
  { tag: "STATE", title: "State Externalization", section: "resilience" },
  { tag: "RESUME", title: "Auto-Recovery", section: "resilience" },
  { tag: "ATOM", title: "Atomic I/O", section: "resilience" },
  { tag: "IDEM", title: "Idempotency", section: "resilience" },
  { tag: "HEALTH", title: "Self-Diagnosis", section: "resilience" },
  { tag: "TDD", title: "Test-Driven Development", section: "testing" },
  { tag: "COV", title: "Code Coverage", section: "testing" },
  { tag: "MUT", title: "Mutation Testing", section: "testing" },
  { tag: "INTEGRATION", title: "Integration Tests", section: "testing" },
  { tag: "E2E", title: "End-to-End Tests", section: "testing" },
  { tag: "AUTH", title: "Authentication & Authorization", section: "security" },
  { tag: "OWASP", title: "OWASP Top 10 Protection", section: "security" },
  { tag: "SECRETS", title: "Secret Management", section: "security" },
  { tag: "PERF", title: "Performance Budgets", section: "performance" },
  { tag: "CACHE", title: "Caching Strategy", section: "performance" },
  { tag: "N+1", title: "Avoiding N+1 Queries", section: "performance" },
  { tag: "ASYNC", title: "Asynchronous Processing", section: "performance" },
  { tag: "DOC", title: "Documentation Standards", section: "documentation" },
  { tag: "README", title: "Project Documentation", section: "documentation" },
  { tag: "ADR", title: "Architecture Decision Records", section: "documentation" },
  { tag: "CI/CD", title: "Continuous Integration/Deployment", section: "devops" },
  { tag: "DOCKER", title: "Containerization", section: "devops" },
  { tag: "VERS", title: "Semantic Versioning", section: "devops" },
];

/**
 * Why a tag has no analyzer: what the rule asks for is not visible in a checkout, or cannot be judged from code without
 * false alarms that would cost more trust than the rule is worth. Each reason says what would be needed instead.
 */
export const NOT_CHECKABLE: Readonly<Record<string, string>> = {
  S: "One reason to change is a judgement about the domain; size and complexity ([UNIT], [KISS]) are the measurable proxies and are checked.",
  O: "Whether new behaviour can be added without editing existing code shows only over the history of changes, not in one snapshot.",
  DTO: "Telling a domain entity from a transfer object needs the project's own vocabulary; no naming or folder convention is reliable enough.",
  FACTORY: "A pattern is a tool, not a requirement: its absence is not a violation, and its presence proves nothing about fitness.",
  STRATEGY: "A pattern is a tool, not a requirement: its absence is not a violation, and its presence proves nothing about fitness.",
  REPOSITORY: "A pattern is a tool, not a requirement; data access from inner layers is caught by [DIR], [DB/UI] and [D] instead.",
  DECORATOR: "A pattern is a tool, not a requirement: its absence is not a violation, and its presence proves nothing about fitness.",
  OBSERVER: "A pattern is a tool, not a requirement: its absence is not a violation, and its presence proves nothing about fitness.",
  STATE: "Whether state survives a restart depends on how the service is deployed and run; it shows in operation, not in source.",
  RESUME: "Recovery after a crash is behaviour under failure: it needs fault-injection tests against a running system.",
  ATOM: "Whether a write is atomic depends on the storage and the sequence of calls at run time; static matching would guess.",
  IDEM: "Idempotency is a property of an operation's effects, observable only by repeating requests against a running system.",
  TDD: "The order in which tests and code were written is not visible in a checkout (and only weakly in history).",
  INTEGRATION: "Which tests reach real infrastructure depends on the environment they run in; test presence is checked under [UNIT] and [E2E].",
  AUTH: "Whether every route checks identity and permission depends on the framework's middleware and routing; it needs route tests against a running system.",
  PERF: "Budgets hold or fail at run time, under load, on real hardware: they need benchmarks, not source analysis.",
  CACHE: "Whether caching is appropriate depends on access patterns and freshness needs that the code does not state.",
};

export interface CatalogueEntry extends GuideTag {
  /** Analyzers that report against the tag, by id; empty when the tag is not checkable from code. */
  analyzers: string[];
  /** Why no analyzer checks the tag; null when at least one does. */
  notCheckable: string | null;
}

/** Every guide tag with the analyzers that check it, or the reason none can: the traceability of rules to the guide. */
export function ruleCatalogue(analyzers: readonly Analyzer<never>[]): CatalogueEntry[] {
  return GUIDE_TAGS.map((entry) => {
    const checking = analyzers.filter((analyzer) => analyzer.meta.guideTags.includes(entry.tag)).map((analyzer) => analyzer.meta.id);
    return { ...entry, analyzers: checking, notCheckable: checking.length > 0 ? null : (NOT_CHECKABLE[entry.tag] ?? null) };
  });
}

/** The section's number and title, e.g. "3. Layered topology". */
export function sectionLabel(section: GuideSectionId): string {
  return `${GUIDE_SECTIONS[section].number}. ${GUIDE_SECTIONS[section].title}`;
}
