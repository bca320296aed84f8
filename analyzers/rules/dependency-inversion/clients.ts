/** Infrastructure a module can construct: an exported name of a package (`*` alone: any name; `*Client`: a suffix). */
export interface ClientEntry {
  /** Module specifier; `*` matches any run of characters (`@aws-sdk/client-*`). */
  module: string;
  names: readonly string[];
}

/**
 * Constructors and factories of databases, caches, queues, cloud SDK clients and HTTP clients. A name is matched only
 * when the file imports it from the module listed, so a local class called `Pool` or `Client` is never taken for one.
 */
export const INFRASTRUCTURE_CLIENTS: readonly ClientEntry[] = [
  { module: "@prisma/client", names: ["PrismaClient"] },
  { module: "*prisma*", names: ["PrismaClient"] },
  { module: "pg", names: ["Pool", "Client"] },
  { module: "pg-pool", names: ["default"] },
  { module: "@neondatabase/serverless", names: ["Pool", "Client", "neon"] },
  { module: "postgres", names: ["default"] },
  { module: "mysql", names: ["createPool", "createConnection", "createPoolCluster"] },
  { module: "mysql2", names: ["createPool", "createConnection", "createPoolCluster"] },
  { module: "mysql2/promise", names: ["createPool", "createConnection", "createPoolCluster"] },
  { module: "ioredis", names: ["default", "Redis", "Cluster"] },
  { module: "redis", names: ["createClient", "createCluster"] },
  { module: "@upstash/redis", names: ["Redis"] },
  { module: "mongodb", names: ["MongoClient"] },
  { module: "mongoose", names: ["connect", "createConnection"] },
  { module: "sequelize", names: ["Sequelize"] },
  { module: "sequelize-typescript", names: ["Sequelize"] },
  { module: "typeorm", names: ["DataSource", "createConnection"] },
  { module: "knex", names: ["default", "knex"] },
  { module: "better-sqlite3", names: ["default"] },
  { module: "sqlite3", names: ["Database"] },
  { module: "@libsql/client", names: ["createClient"] },
  { module: "@planetscale/database", names: ["connect", "Client"] },
  { module: "drizzle-orm/*", names: ["drizzle"] },
  { module: "cassandra-driver", names: ["Client"] },
  { module: "@clickhouse/client", names: ["createClient"] },
  { module: "@elastic/elasticsearch", names: ["Client"] },
  { module: "@opensearch-project/opensearch", names: ["Client"] },
  { module: "kafkajs", names: ["Kafka"] },
  { module: "amqplib", names: ["connect"] },
  { module: "bullmq", names: ["Queue", "Worker"] },
  { module: "bull", names: ["default"] },
  { module: "@aws-sdk/client-*", names: ["*Client"] },
  { module: "aws-sdk", names: ["*"] },
  { module: "aws-sdk/clients/*", names: ["default"] },
  { module: "@azure/*", names: ["*Client"] },
  { module: "@google-cloud/*", names: ["Storage", "PubSub", "Firestore", "BigQuery", "Datastore", "Spanner"] },
  { module: "minio", names: ["Client"] },
  { module: "@supabase/supabase-js", names: ["createClient"] },
  { module: "axios", names: ["create"] },
  { module: "graphql-request", names: ["GraphQLClient"] },
  { module: "@slack/web-api", names: ["WebClient"] },
  { module: "nodemailer", names: ["createTransport"] },
  { module: "stripe", names: ["default", "Stripe"] },
  { module: "openai", names: ["default", "OpenAI"] },
  { module: "twilio", names: ["default"] },
];

/** A client table compiled once: module patterns as regular expressions. */
export interface ClientMatcher {
  /** Whether anything from this module could be infrastructure: files importing none of them are skipped early. */
  isClientModule(module: string): boolean;
  /** Whether constructing (`isNew`) or calling `name` exported by `module` creates infrastructure. */
  matches(module: string, name: string, isNew: boolean): boolean;
}

const MATCHERS = new WeakMap<readonly ClientEntry[], ClientMatcher>();

/** Compiles the built-in table plus the user's extra entries, once per options array (collect runs once per file). */
export function clientMatcher(extra: readonly ClientEntry[]): ClientMatcher {
  let matcher = MATCHERS.get(extra);
  if (!matcher) {
    matcher = compileMatcher(extra);
    MATCHERS.set(extra, matcher);
  }
  return matcher;
}

function compileMatcher(extra: readonly ClientEntry[]): ClientMatcher {
  const compiled = [...INFRASTRUCTURE_CLIENTS, ...extra].map((entry) => ({ pattern: globPattern(entry.module), names: entry.names }));
  const entriesFor = (module: string) => compiled.filter((entry) => entry.pattern.test(module));
  return {
    isClientModule: (module) => entriesFor(module).length > 0,
    matches: (module, name, isNew) => entriesFor(module).some((entry) => entry.names.some((wanted) => nameMatches(wanted, name, isNew))),
  };
}

/** `*` and `*Client` are wide: they count only for `new`, so `AWS.config.update()` or a helper call is never taken. */
function nameMatches(wanted: string, name: string, isNew: boolean): boolean {
  if (!wanted.startsWith("*")) return wanted === name;
  return isNew && name !== "default" && name.endsWith(wanted.slice(1));
}

function globPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
}
