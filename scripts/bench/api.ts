// Dashboard API benchmark: 50 concurrent connections per endpoint on loopback, against the budget P95 < 200 ms.
//
//   npm run bench:api [-- --url http://localhost:3000] [--connections 50] [--seconds 10] [--cache-seconds N] [--web-processes N] [--only name,…]
//
// With --url it drives a running Heimdall that holds the demo (`npm run seed:demo`); DATABASE_URL must name its database,
// where the run signs in with an admin API token of its own (removed at the end). Without, it starts one the way
// `npm start` does, in production mode (`next build` when the sources changed, then the Next.js server on a spare
// port) against DATABASE_URL, or an embedded PostgreSQL in a scratch folder that it seeds with the demo first.
// --cache-seconds sets HEIMDALL_DASHBOARD_CACHE_SECONDS for the server it starts (0: every request recomputes), and
// --web-processes HEIMDALL_WEB_PROCESSES (how many processes serve; default 1).
//
// Each endpoint's distinct requests are first asked once each (their first computation is reported separately), then
// it is driven for 2 s unmeasured (warm-up), then `--seconds` measured; requests rotate over many
// repositories, teams and ranges so that the per-repository endpoints never answer the same question twice in a row.
// Latencies are every response's own time (autocannon's `response` event), so P95 is exact, not a histogram bucket.
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Client } from "pg";
import { z } from "zod";
import { percentile } from "./lib/bench-db";
import { markdownTable, runBenchmark, startDemoHeimdall } from "./lib/demo-heimdall";

const BUDGET_P95_MS = 200;
const RANGES = ["12w", "26w", "52w", "104w"];

const argsSchema = z.object({
  url: z.string().url().optional(),
  connections: z.coerce.number().int().min(1).max(1000).default(50),
  seconds: z.coerce.number().int().min(1).max(600).default(10),
  "cache-seconds": z.coerce.number().int().min(0).max(3600).optional(),
  "web-processes": z.coerce.number().int().min(1).max(64).optional(),
  only: z.string().optional(),
});

interface Endpoint {
  name: string;
  paths: string[];
}

interface Measured {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: number;
  /** The first computation of each distinct request (see `prime`). */
  first?: { p50: number; p95: number };
}

const say = (text: string) => process.stdout.write(`${text}\n`);

/** The endpoints and, for each, the requests it rotates through: every team, range and repository of the demo. */
async function endpoints(databaseUrl: string): Promise<Endpoint[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const teams = (await client.query<{ slug: string }>(`SELECT slug FROM "Team" ORDER BY slug`)).rows.map((row) => row.slug);
    const repositories = (await client.query<{ id: string }>(`SELECT id FROM "Repository" ORDER BY id`)).rows.map((row) => row.id);
    if (repositories.length === 0) throw new Error("The database holds no repositories: run `npm run seed:demo` first.");
    return [
      { name: "teams list", paths: ["/api/teams"] },
      { name: "overview 26w", paths: ["/api/overview?range=26w"] },
      { name: "overview (ranges × teams)", paths: RANGES.flatMap((range) => [`/api/overview?range=${range}`, ...teams.map((team) => `/api/overview?range=${range}&team=${team}`)]) },
      { name: "team overview", paths: RANGES.flatMap((range) => teams.map((team) => `/api/teams/${team}/overview?range=${range}`)) },
      { name: "repository history", paths: repositories.map((id, index) => `/api/repositories/${id}/history?range=${RANGES[index % RANGES.length]}`) },
      { name: "findings page", paths: repositories.map((id) => `/api/repositories/${id}/findings?pageSize=50`) },
      { name: "findings filtered", paths: repositories.map((id, index) => `/api/repositories/${id}/findings?severity=warning,error&sort=file&change=${index % 2 ? "new" : "all"}&page=2&pageSize=25`) },
      { name: "rules", paths: RANGES.flatMap((range) => ["", ...teams.map((team) => `&team=${team}`)].map((team) => `/api/rules?range=${range}${team}`)) },
    ];
  } finally {
    await client.end();
  }
}

/** Drives `endpoint` for `seconds` with `connections` connections, each request the next path of the rotation. */
async function drive(base: string, authorization: string, endpoint: Endpoint, connections: number, seconds: number): Promise<Measured> {
  let next = 0;
  const latencies: number[] = [];
  let failures = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        timeout: 30,
        headers: { authorization },
        requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: endpoint.paths[next++ % endpoint.paths.length] }) }],
      },
      (error: unknown, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) failures += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    failures: failures + result.errors + result.timeouts,
  };
}

/** GET `path` on a connection of `agent`, resolving with the time to the whole answer. */
function timedGet(base: string, path: string, authorization: string, agent: http.Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent, headers: { authorization } }, (response) => {
        response.on("data", () => undefined);
        response.on("end", () => resolve(performance.now() - started));
      })
      .on("error", reject);
  });
}

/**
 * Asks every distinct request of `endpoint` once, two at a time, before the measured run: the answers the dashboard
 * keeps while the data is unchanged are then computed, as they are for dashboards that people keep open. What those
 * first computations cost is reported beside the steady state (columns "first P50/P95"), not hidden. With several web
 * processes, each keeps its own cache: every request is then asked again on 2 × processes further connections, which
 * the kernel spreads over the processes.
 */
async function prime(base: string, authorization: string, endpoint: Endpoint, webProcesses: number): Promise<{ p50: number; p95: number }> {
  const paths = [...new Set(endpoint.paths)];
  const latencies: number[] = [];
  const queue = [...paths];
  const agents: http.Agent[] = [];
  const lane = async (walk: () => string | undefined, record: boolean) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    for (let path = walk(); path !== undefined; path = walk()) {
      const ms = await timedGet(base, path, authorization, agent);
      if (record) latencies.push(ms);
    }
  };
  await Promise.all([lane(() => queue.shift(), true), lane(() => queue.shift(), true)]);
  if (webProcesses > 1) {
    await Promise.all(
      Array.from({ length: 2 * webProcesses }, () => {
        let next = 0;
        return lane(() => paths[next++], false);
      }),
    );
  }
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

function table(rows: Measured[]): string {
  const header = ["endpoint", "requests", "req/s", "P50 ms", "P95 ms", "P99 ms", "max ms", "errors", `P95 < ${BUDGET_P95_MS} ms`, "first P50 ms", "first P95 ms"];
  const lines = rows.map((row) => [
    row.name,
    String(row.requests),
    row.perSecond.toFixed(0),
    row.p50.toFixed(1),
    row.p95.toFixed(1),
    row.p99.toFixed(1),
    row.max.toFixed(0),
    String(row.failures),
    row.p95 < BUDGET_P95_MS && row.failures === 0 ? "yes" : "NO",
    row.first ? row.first.p50.toFixed(1) : "",
    row.first ? row.first.p95.toFixed(1) : "",
  ]);
  return markdownTable(header, lines);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: "string" }, connections: { type: "string" }, seconds: { type: "string" }, "cache-seconds": { type: "string" }, "web-processes": { type: "string" }, only: { type: "string" } } });
  const args = argsSchema.parse(values);
  const server = await startDemoHeimdall({ url: args.url, cacheSeconds: args["cache-seconds"], webProcesses: args["web-processes"] });
  try {
    const only = args.only?.split(",").map((name) => name.trim().toLowerCase());
    const chosen = (await endpoints(server.databaseUrl)).filter((endpoint) => !only || only.some((name) => endpoint.name.toLowerCase().includes(name)));
    say(`Heimdall at ${server.base} (${args["web-processes"] ?? 1} web process(es)); ${args.connections} connections, ${args.seconds} s per endpoint after a 2 s warm-up; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(2)} before.`);
    const rows: Measured[] = [];
    for (const endpoint of chosen) {
      const first = await prime(server.base, server.credentials.authorization, endpoint, args["web-processes"] ?? 1);
      await drive(server.base, server.credentials.authorization, endpoint, args.connections, 2);
      const row = { ...(await drive(server.base, server.credentials.authorization, endpoint, args.connections, args.seconds)), first };
      rows.push(row);
      say(`  ${row.name}: P50 ${row.p50.toFixed(1)} ms, P95 ${row.p95.toFixed(1)} ms, ${row.perSecond.toFixed(0)} req/s (${endpoint.paths.length} distinct requests)`);
    }
    say("");
    say(table(rows));
    say(`\nLoad average after: ${os.loadavg()[0]?.toFixed(2)}. Server, PostgreSQL and this load generator share the machine's cores.`);
    process.exitCode = rows.every((row) => row.p95 < BUDGET_P95_MS && row.failures === 0) ? 0 : 1;
  } finally {
    await server.stop();
  }
}

runBenchmark(main);
