// Names the demo organisation is made of: teams with the words of their domain, and the parts of file and function
// names. Plain data, so the generator reads as rules and the output reads like a real company's repositories.

/** A team of the demo organisation and the words its code is about. */
export interface TeamSpec {
  name: string;
  slug: string;
  /** Prefixes of its repositories' names. */
  products: readonly string[];
  /** Domain nouns its modules, functions and tables are named after. */
  words: readonly string[];
}

export const TEAMS: readonly TeamSpec[] = [
  { name: "Payments", slug: "payments", products: ["payments", "ledger", "payouts"], words: ["payment", "refund", "invoice", "ledger", "settlement", "currency", "fee", "charge"] },
  { name: "Checkout", slug: "checkout", products: ["checkout", "cart", "pricing"], words: ["cart", "basket", "coupon", "price", "tax", "order", "discount", "shipping"] },
  { name: "Identity", slug: "identity", products: ["identity", "auth", "sso"], words: ["user", "session", "token", "role", "permission", "tenant", "password", "grant"] },
  { name: "Search", slug: "search", products: ["search", "indexer", "ranking"], words: ["query", "index", "document", "facet", "synonym", "score", "shard", "suggestion"] },
  { name: "Catalogue", slug: "catalogue", products: ["catalogue", "products", "media"], words: ["product", "variant", "category", "attribute", "image", "brand", "stock", "listing"] },
  { name: "Mobile Platform", slug: "mobile-platform", products: ["mobile", "app-shell", "push"], words: ["device", "screen", "navigation", "notification", "release", "bundle", "deeplink", "crash"] },
  { name: "Data Platform", slug: "data-platform", products: ["pipelines", "warehouse", "events"], words: ["event", "pipeline", "schema", "partition", "batch", "metric", "dataset", "job"] },
  { name: "Growth", slug: "growth", products: ["growth", "experiments", "referrals"], words: ["experiment", "variant", "campaign", "referral", "cohort", "funnel", "reward", "segment"] },
  { name: "Notifications", slug: "notifications", products: ["notifications", "mailer", "sms"], words: ["message", "template", "channel", "recipient", "delivery", "bounce", "digest", "preference"] },
  { name: "Billing", slug: "billing", products: ["billing", "subscriptions", "dunning"], words: ["subscription", "plan", "invoice", "proration", "usage", "credit", "trial", "meter"] },
  { name: "Logistics", slug: "logistics", products: ["logistics", "fulfilment", "tracking"], words: ["shipment", "parcel", "carrier", "warehouse", "route", "label", "pickup", "return"] },
  { name: "Fraud & Risk", slug: "fraud-risk", products: ["risk", "fraud-rules", "kyc"], words: ["rule", "signal", "verdict", "review", "transaction", "device", "score", "watchlist"] },
  { name: "Developer Experience", slug: "developer-experience", products: ["devx", "build-tools", "templates"], words: ["template", "plugin", "workspace", "lint", "build", "cache", "generator", "config"] },
  { name: "Core API", slug: "core-api", products: ["core-api", "gateway", "graphql"], words: ["request", "resolver", "schema", "route", "limit", "client", "account", "webhook"] },
  { name: "Web Storefront", slug: "web-storefront", products: ["storefront", "web", "design-system"], words: ["page", "component", "theme", "banner", "layout", "menu", "review", "wishlist"] },
  { name: "Analytics", slug: "analytics", products: ["analytics", "dashboards", "reports"], words: ["report", "chart", "dimension", "metric", "export", "filter", "widget", "query"] },
  { name: "Messaging", slug: "messaging", products: ["chat", "inbox", "realtime"], words: ["conversation", "message", "participant", "attachment", "presence", "thread", "reaction", "receipt"] },
  { name: "Partner Integrations", slug: "partner-integrations", products: ["partners", "connectors", "edi"], words: ["partner", "connector", "feed", "mapping", "sync", "credential", "endpoint", "catalog"] },
  { name: "Infrastructure", slug: "infrastructure", products: ["infra", "platform", "observability"], words: ["cluster", "deployment", "secret", "alert", "probe", "volume", "node", "policy"] },
  { name: "Customer Support Tools", slug: "support-tools", products: ["support", "helpdesk", "backoffice"], words: ["ticket", "agent", "macro", "escalation", "customer", "note", "queue", "refund"] },
];

export const REPOSITORY_SUFFIXES = ["api", "service", "web", "worker", "sdk", "cli", "gateway", "jobs", "ui", "events", "adapter", "schemas", "admin", "proxy", "importer", "exporter", "scheduler", "client", "store", "e2e"] as const;

export const VERBS = ["get", "create", "update", "load", "sync", "validate", "build", "resolve", "handle", "process", "parse", "format", "apply", "compute", "fetch", "save", "map", "merge"] as const;
export const NOUN_SUFFIXES = ["Batch", "Request", "Summary", "Record", "Items", "Status", "Payload", "Options", "Totals", "Entry"] as const;
export const MODULE_SUFFIXES = ["service", "repository", "controller", "handler", "mapper", "client", "schema", "validator", "store", "utils", "policy", "queue"] as const;
export const COMPONENT_SUFFIXES = ["Form", "List", "Card", "Dialog", "Table", "Panel", "Header", "Summary"] as const;
export const TEST_DESCRIPTIONS = ["handles an empty list", "rejects invalid input", "retries on timeout", "maps every field", "keeps the order", "works", "renders", "returns the total"] as const;
export const README_SECTIONS = ["Installation", "Usage", "Configuration", "Testing", "Contributing", "License"] as const;
export const ADR_TITLES = ["use-postgresql", "event-sourcing", "api-versioning", "feature-flags", "monorepo", "use-kafka", "retry-policy", "error-codes", "caching", "auth-tokens", "schema-migrations", "observability"] as const;
export const SUPPRESSION_REASONS = [
  "legacy module, rewrite tracked in the roadmap",
  "generated code",
  "false positive: the value is a test fixture",
  "accepted for now, see ADR 7",
  "third-party API requires this shape",
] as const;

/** Failure reasons of scans, as the pipeline words them. */
export const SCAN_ERRORS = [
  "Could not clone the repository: authentication failed — the server asks for credentials. For a private repository, set an access token (accessToken).",
  "Cloning took longer than 900 s and was stopped.",
  "Could not clone the repository: the remote end hung up unexpectedly.",
  "Scan failed: heimdall.config.json: rules.complexity.options.max: expected a number.",
  "The scan's job ended without a result (its worker stopped on the last attempt); a new scan was requested.",
] as const;
