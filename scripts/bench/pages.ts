// Dashboard page-speed benchmark: first contentful paint of each page in headless Chromium, against the issue's budget
// FCP < 1.5 s, on the full demo organisation (20 teams × 500 repositories × 104 weeks).
//
//   npm run bench:pages [-- --url http://localhost:3000] [--runs 5] [--screenshots docs/screenshots]
//
// The Heimdall measured is the one `npm run bench:api` uses (scripts/bench/lib/demo-heimdall.ts): with --url a running
// one (DATABASE_URL naming its database), otherwise one started here in production mode on a scratch database seeded
// with the demo. Each page is visited once unmeasured (the server's first answer for it), then `--runs` times, each in
// a fresh browser context (empty HTTP cache, as a first visit of the day): FCP is the browser's own
// `first-contentful-paint` entry; "data shown" is when the page's figures are on screen (its data has arrived and
// rendered), measured on the page's own clock from navigation start. Every context is signed in as an admin whose session
// the run writes into the served database (scripts/bench/lib/demo-heimdall.ts) and removes at the end. Run it under `flock /tmp/heimdall-e2e.lock`
// when others may rebuild `.next` at the same time. `--screenshots DIR` also saves the overview, a team and a
// repository (1280 px wide, light) for the README.
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { z } from "zod";
import type { OverviewDto, TeamOverviewDto } from "../../app/_lib/dto";
import { percentile } from "./lib/bench-db";
import { markdownTable, runBenchmark, startDemoHeimdall, type BenchCredentials } from "./lib/demo-heimdall";

const BUDGET_FCP_MS = 1500;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const VIEWPORT = { width: 1280, height: 800 };

const argsSchema = z.object({
  url: z.string().url().optional(),
  runs: z.coerce.number().int().min(1).max(50).default(5),
  screenshots: z.string().min(1).optional(),
});

interface PageUnderTest {
  name: string;
  path: string;
  /** Present once the page shows its data (not its loading placeholder). */
  ready: string;
}

interface Visit {
  fcp: number;
  dataShown: number;
}

const say = (text: string) => process.stdout.write(`${text}\n`);

async function json<T>(url: string, credentials: BenchCredentials): Promise<T> {
  const response = await fetch(url, { headers: { authorization: credentials.authorization } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The four pages: the overview, the largest team, that team's first repository by name, and the rules. */
async function pagesToVisit(base: string, credentials: BenchCredentials): Promise<PageUnderTest[]> {
  const overview = await json<OverviewDto>(`${base}/api/overview`, credentials);
  const team = [...overview.teams].sort((a, b) => b.repositories - a.repositories)[0];
  if (!team) throw new Error("The organisation has no teams: seed the demo first (`npm run seed:demo`).");
  const detail = await json<TeamOverviewDto>(`${base}/api/teams/${encodeURIComponent(team.slug)}/overview`, credentials);
  const repository = detail.repositories[0];
  if (!repository) throw new Error(`Team ${team.slug} has no repositories.`);
  return [
    { name: "overview", path: "/", ready: '[data-testid="overview"][data-ready="true"]' },
    { name: `team (${team.name}, ${team.repositories} repositories)`, path: `/teams/${encodeURIComponent(team.slug)}`, ready: '[data-testid="team"][data-ready="true"]' },
    { name: `repository (${repository.name})`, path: `/repositories/${encodeURIComponent(repository.id)}`, ready: '[data-testid="current-score"]' },
    { name: "rules", path: "/rules", ready: '[data-testid="rules"][data-ready="true"]' },
  ];
}

/** Opens a fresh browser context (empty cache) signed in as the run's admin. */
type OpenContext = (options: BrowserContextOptions) => Promise<BrowserContext>;

function signedIn(browser: Browser, base: string, credentials: BenchCredentials): OpenContext {
  return async (options) => {
    const context = await browser.newContext(options);
    await context.addCookies(credentials.cookies.map((cookie) => ({ ...cookie, url: base })));
    return context;
  };
}

/** One visit in a fresh context: navigation, FCP from the browser's paint timing, and when the data is on screen. */
async function visit(open: OpenContext, url: string, ready: string): Promise<Visit> {
  const context = await open({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(ready, { timeout: 60_000 });
    const dataShown = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 30_000 });
    const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN);
    return { fcp, dataShown };
  } finally {
    await context.close();
  }
}

interface Measured {
  name: string;
  first: Visit;
  fcp: number[];
  dataShown: number[];
}

async function measure(open: OpenContext, base: string, target: PageUnderTest, runs: number): Promise<Measured> {
  const first = await visit(open, base + target.path, target.ready);
  const visits: Visit[] = [];
  for (let run = 0; run < runs; run++) visits.push(await visit(open, base + target.path, target.ready));
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  return { name: target.name, first, fcp: sorted(visits.map((v) => v.fcp)), dataShown: sorted(visits.map((v) => v.dataShown)) };
}

function table(rows: Measured[]): string {
  const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "—" : value.toFixed(0));
  const header = ["page", "FCP median ms", "FCP worst ms", "data shown median ms", "data shown worst ms", "first visit FCP / data ms", `FCP < ${BUDGET_FCP_MS} ms`];
  const lines = rows.map((row) => [
    row.name,
    ms(percentile(row.fcp, 50)),
    ms(row.fcp.at(-1)),
    ms(percentile(row.dataShown, 50)),
    ms(row.dataShown.at(-1)),
    `${ms(row.first.fcp)} / ${ms(row.first.dataShown)}`,
    (row.fcp.at(-1) ?? Infinity) < BUDGET_FCP_MS ? "yes" : "NO",
  ]);
  return markdownTable(header, lines);
}

/** The overview, the team and the repository as a reader sees them first: 1280 px wide, light, up to 1,800 px tall. */
async function screenshots(open: OpenContext, base: string, targets: PageUnderTest[], folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const context = await open({ viewport: VIEWPORT, colorScheme: "light" });
  const page: Page = await context.newPage();
  for (const [file, target] of [["overview", targets[0]], ["team", targets[1]], ["repository", targets[2]]] as const) {
    if (!target) continue;
    await page.goto(base + target.path);
    await page.waitForSelector(target.ready, { timeout: 60_000 });
    // Charts draw once they know their size; give them a moment after the data arrived.
    await page.waitForTimeout(1000);
    const height = Math.min(1800, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({ path: path.join(folder, `${file}.png`), fullPage: true, clip: { x: 0, y: 0, width: VIEWPORT.width, height } });
    say(`  saved ${path.join(folder, `${file}.png`)}`);
  }
  await context.close();
}

/** Every page measured in turn, each printed as it finishes. */
async function measureAll(open: OpenContext, base: string, targets: PageUnderTest[], runs: number): Promise<Measured[]> {
  const rows: Measured[] = [];
  for (const target of targets) {
    const row = await measure(open, base, target, runs);
    rows.push(row);
    say(`  ${row.name}: FCP median ${percentile(row.fcp, 50).toFixed(0)} ms, worst ${row.fcp.at(-1)?.toFixed(0)} ms; data shown median ${percentile(row.dataShown, 50).toFixed(0)} ms`);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: "string" }, runs: { type: "string" }, screenshots: { type: "string" } } });
  const args = argsSchema.parse(values);
  const server = await startDemoHeimdall({ url: args.url });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const targets = await pagesToVisit(server.base, server.credentials);
    const open = signedIn(browser, server.base, server.credentials);
    say(`Heimdall at ${server.base}; Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}; ${args.runs} runs per page after one unmeasured visit; ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(2)} before.`);
    const rows = await measureAll(open, server.base, targets, args.runs);
    say(`\n${table(rows)}\n\nLoad average after: ${os.loadavg()[0]?.toFixed(2)}. Browser, server and PostgreSQL share the machine's cores; loopback network, no throttling.`);
    if (args.screenshots) await screenshots(open, server.base, targets, args.screenshots);
    process.exitCode = rows.every((row) => (row.fcp.at(-1) ?? Infinity) < BUDGET_FCP_MS) ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
  }
}

runBenchmark(main);
