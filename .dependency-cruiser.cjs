/**
 * Heimdall's own architecture as data (docs/adr/0005-architecture-checks.md): dependencies point inward,
 * app → app/_server → analyzers, and the engine never imports the app. `tests/unit/architecture.test.ts` runs it.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "engine-stays-pure",
      comment: "analyzers/ is pure TypeScript: no web app, database, queue, git client or network.",
      severity: "error",
      from: { path: "^analyzers/" },
      to: { path: ["^app/", "^scripts/", "^prisma/", "node_modules/(next|react|react-dom|@prisma|prisma|pg|pg-boss|simple-git|pino)/"] },
    },
    {
      name: "ui-not-server",
      comment: "Client components, hooks and isomorphic helpers never import server-only code.",
      severity: "error",
      from: { path: "^app/(_components|_hooks|_lib)/" },
      to: { path: "^app/_server/" },
    },
    {
      name: "server-not-presentation",
      comment: "Server code does not depend on pages, route handlers or UI.",
      severity: "error",
      from: { path: "^app/_server/" },
      to: { path: "^app/", pathNot: "^app/(_server|_lib)/" },
    },
    {
      name: "one-prisma-client",
      comment: "Only app/_server/db.ts touches the generated Prisma client.",
      severity: "error",
      from: { path: "^(app|scripts|analyzers)/", pathNot: "^app/_server/(db\\.ts|generated/)" },
      to: { path: "^app/_server/generated/" },
    },
    {
      name: "routes-stay-thin",
      comment: "Route handlers parse, call a service and respond: no database or queue of their own.",
      severity: "error",
      from: { path: "^app/api/" },
      to: { path: ["^app/_server/(db|queue|git)", "node_modules/(pg|pg-boss|simple-git|@prisma)/"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^app/_server/generated/"] },
    exclude: { path: "(^|/)(node_modules|\\.next)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
