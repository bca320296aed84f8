import { ts } from "ts-morph";

/** Query methods of Prisma, TypeORM, Sequelize, Mongoose and the MongoDB driver: a query whatever they are called on. */
const QUERY_METHODS = new Set([
  "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "findOne", "findOneBy", "findOneOrFail",
  "findOneByOrFail", "findBy", "findAndCount", "findAndCountBy", "findByIds", "findById", "findByPk", "findAll",
  "findOneAndUpdate", "findOneAndDelete", "findByIdAndUpdate", "createMany", "updateMany", "deleteMany", "insertMany",
  "insertOne", "updateOne", "deleteOne", "countDocuments", "aggregate", "$queryRaw", "$executeRaw", "$queryRawUnsafe",
  "$executeRawUnsafe", "$transaction", "getMany", "getOne", "getOneOrFail", "getRawMany", "getRawOne", "getCount",
  "getManyAndCount", "getRawAndEntities",
]);

/** Common verbs that are a query only when called on something that looks like a database handle. */
const GENERIC_VERBS = new Set([
  "find", "count", "create", "update", "delete", "remove", "save", "insert", "upsert", "query", "execute", "exec", "raw",
  "get", "set", "del", "first", "select", "where", "increment", "decrement", "softDelete", "restore", "exists", "sum",
]);

/** Names of database handles: `prisma`, `db`, `knex`, `queryRunner`, `userRepository`, `this.manager`… */
const DATA_HANDLE = /^(?:prisma|db|database|knex|pool|client|sql|tx|trx|em|manager|entityManager|queryRunner|connection|conn|dataSource|redis|supabase|sequelize|kysely|drizzle|collection|repo|repository)$|[a-z](?:Repository|Repo|Db|DataSource|QueryRunner|EntityManager|Collection|Model|Client|Pool)$/;

/** Modules whose exports run queries: `@/queries/…`, `../repositories/…`, `./db`, `lib/prisma`. */
const DATA_MODULE = /(?:^|[/@])(?:queries|query|repositories|repository|repos|db|database|dal|dao|data-access|prisma|drizzle|knex)(?:\/|\.|$)/i;

/** Local names imported from modules that look like the data-access layer (named, default and namespace imports). */
export function dataModuleImports(ast: ts.SourceFile): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of ast.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !DATA_MODULE.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
  }
  return names;
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}

interface CallChain {
  /** `prisma` in `prisma.user.findMany()`, `db` in `db.select().from(t)`; null for `this` or a computed root. */
  root: string | null;
  /** Property names along the chain, in order: `["user", "findMany"]`. */
  names: string[];
}

function callChain(callee: ts.Expression): CallChain {
  const names: string[] = [];
  let current = callee;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) names.unshift(current.name.text);
    else if (!ts.isCallExpression(current) && !ts.isElementAccessExpression(current) && !ts.isNonNullExpression(current) && !ts.isParenthesizedExpression(current)) break;
    current = current.expression;
  }
  return { root: ts.isIdentifier(current) ? current.text : null, names };
}

/** Methods that run the SQL text they are given. */
const STATEMENT_RUNNERS = new Set(["query", "execute", "exec", "raw", "$executeRawUnsafe", "$queryRawUnsafe"]);

/** `for (const statement of migration) await db.query(statement)`: running a list of statements, one query each by nature. */
function runsLoopStatement(call: ts.CallExpression, method: string, itemNames: ReadonlySet<string>): boolean {
  let argument = call.arguments[0];
  while (argument && (ts.isPropertyAccessExpression(argument) || ts.isElementAccessExpression(argument))) argument = argument.expression;
  return STATEMENT_RUNNERS.has(method) && argument !== undefined && ts.isIdentifier(argument) && itemNames.has(argument.text);
}

/**
 * The callee when an awaited expression is a query or a request: `fetch(…)`, a call of a function imported from the data
 * layer, a query method, or a common verb on a database handle. Null for everything else (`sleep`, `fs.readFile`…), for
 * calls on the loop's item itself (a loop over connections), and for statements taken from the items and run as they are.
 */
export function dataAccessCallee(awaited: ts.Expression, dataImports: ReadonlySet<string>, ast: ts.SourceFile, itemNames: ReadonlySet<string>): string | null {
  const call = unwrap(awaited);
  if (!ts.isCallExpression(call)) return null;
  const { root, names } = callChain(call.expression);
  const method = names.at(-1) ?? root ?? "";
  const handles = [root ?? "", ...names.slice(0, -1)];
  const isQuery =
    (names.length === 0 && (root === "fetch" || dataImports.has(method))) ||
    QUERY_METHODS.has(method) ||
    (root !== null && dataImports.has(root)) ||
    (names.some((name) => GENERIC_VERBS.has(name)) && handles.some((handle) => DATA_HANDLE.test(handle)));
  // `for (const source of dataSources) await source.query(…)`: each item is its own database, not one more row of it.
  const isPerHandle = root !== null && itemNames.has(root);
  if (!isQuery || isPerHandle || runsLoopStatement(call, method, itemNames)) return null;
  const text = call.expression.getText(ast).replace(/\s+/g, "");
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
