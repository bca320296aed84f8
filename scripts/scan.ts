// `npm run scan -- <path-or-git-url> [--format table|json|sarif] [--out FILE] [--fail-under N] [--config FILE] [--cache DIR] [--coverage FILE]…`.
// Exit codes: 0 done, 1 score under --fail-under, 2 bad input.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AppError } from "../app/_server/errors";
import { CloneError, cloneRepository } from "../app/_server/git/clone";
import { parseRepositoryUrl } from "../app/_server/git/repository-url";
import { analyzeRepository, ConfigFileError, formatJson, formatSarif, formatTable, parseConfigLayer, type AnalysisReport, type ConfigLayer, type ProgressEvent } from "../analyzers";

const argsSchema = z.object({
  target: z.string({ error: "give the folder or git URL to scan: npm run scan -- <path-or-git-url>" }),
  format: z.enum(["table", "json", "sarif"]).default("table"),
  config: z.string().optional(),
  cache: z.string().optional(),
  coverage: z.array(z.string()).default([]),
  out: z.string().optional(),
  failUnder: z.coerce.number().min(0).max(100).optional(),
});

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" }, "fail-under": { type: "string" }, config: { type: "string" }, cache: { type: "string" }, coverage: { type: "string", multiple: true } },
  });
  return argsSchema.parse({ target: positionals[0], format: values.format, out: values.out, failUnder: values["fail-under"], config: values.config, cache: values.cache, coverage: values.coverage });
}

/** Coverage reports given with --coverage: used instead of any report in the checkout. */
function readCoverageFiles(files: readonly string[]): Array<{ name: string; content: string }> {
  return files.map((file) => {
    try {
      return { name: path.basename(file), content: readFileSync(file, "utf8") };
    } catch (error) {
      throw new ConfigFileError(`cannot read the coverage report ${file}: ${(error as Error).message}`);
    }
  });
}

/** A configuration file given with --config: applied before the repository's own heimdall.config.json. */
function readConfigFile(file: string | undefined): ConfigLayer[] {
  if (!file) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return [parseConfigLayer(value, file)];
}

function headCommit(dir: string): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** One self-overwriting line on stderr while a terminal watches; nothing when output goes to a file or a pipe. */
function progressLine(): ((event: ProgressEvent) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (event) => {
    const now = Date.now();
    if (event.phase === "parsing" && event.done < event.total && now - last < 100) return;
    last = now;
    const text = event.phase === "parsing" ? `parsing ${event.done}/${event.total} files` : `running ${event.rule} (${event.done + 1}/${event.total})`;
    process.stderr.write(`\r\x1b[2K${text}`);
  };
}

/** A local folder as it is, or a git URL cloned (hardened, shallow) into a scratch folder removed afterwards. */
async function checkoutOf(target: string): Promise<{ dir: string; label: string; cleanup: () => Promise<void> }> {
  const local = path.resolve(target);
  if (existsSync(local) && statSync(local).isDirectory()) return { dir: local, label: local, cleanup: async () => undefined };
  // On the command line the user's own folders and network are fair game: every local path is an allowed root, and
  // private hosts (an internal git server) are allowed, since the CLI reaches nothing its user could not reach already.
  const location = parseRepositoryUrl(target, { localRoots: ["/"], allowPrivateHosts: true });
  const workDir = await mkdtemp(path.join(tmpdir(), "heimdall-cli-"));
  const cleanup = () => rm(workDir, { recursive: true, force: true });
  try {
    const checkout = await cloneRepository({ source: location.url, isLocal: location.kind === "local", branch: null, workDir, timeoutMs: 15 * 60_000, allowPrivateHosts: true });
    return { dir: checkout.dir, label: location.url, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

type CliArgs = ReturnType<typeof parseCli>;
type Checkout = Awaited<ReturnType<typeof checkoutOf>>;

/** The arguments, or null once the problem has been printed (exit code 2). */
function argsOrNull(argv: string[]): CliArgs | null {
  try {
    return parseCli(argv);
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join("; ") : (error as Error).message;
    process.stderr.write(`heimdall scan: ${message}\n`);
    return null;
  }
}

/** The checkout, or null once the reason it cannot be had has been printed; unexpected failures still throw. */
async function checkoutOrNull(target: string): Promise<Checkout | null> {
  try {
    return await checkoutOf(target);
  } catch (error) {
    if (!(error instanceof AppError || error instanceof CloneError)) throw error;
    process.stderr.write(`heimdall scan: ${target} is neither a folder nor a repository Heimdall can clone: ${error.message}\n`);
    return null;
  }
}

async function main(): Promise<number> {
  const args = argsOrNull(process.argv.slice(2));
  if (!args) return 2;
  const checkout = await checkoutOrNull(args.target);
  if (!checkout) return 2;
  try {
    return await scanCheckout(args, checkout.dir, checkout.label);
  } finally {
    await checkout.cleanup();
  }
}

/** The analysis, or null once a bad --config or --coverage file has been reported (exit code 2). */
async function analyzeOrNull(args: CliArgs, dir: string): Promise<AnalysisReport | null> {
  try {
    const onProgress = progressLine();
    const inputs = { coverageReports: readCoverageFiles(args.coverage) };
    const report = await analyzeRepository(dir, { config: readConfigFile(args.config), inputs, ...(args.cache ? { cacheDir: args.cache } : {}), ...(onProgress ? { onProgress } : {}) });
    if (onProgress) process.stderr.write("\r\x1b[2K");
    return report;
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    process.stderr.write(`heimdall scan: ${error.message}\n`);
    return null;
  }
}

async function scanCheckout(args: CliArgs, dir: string, label: string): Promise<number> {
  const report = await analyzeOrNull(args, dir);
  if (!report) return 2;
  const formats = { table: () => formatTable(report, label), json: () => formatJson(report, label, headCommit(dir)), sarif: () => formatSarif(report) };
  const output = formats[args.format]();
  if (args.out) writeFileSync(args.out, output);
  else process.stdout.write(output);
  if (args.failUnder !== undefined && (report.score ?? 0) < args.failUnder) {
    process.stderr.write(`heimdall scan: score ${report.score ?? "n/a"} is under ${args.failUnder}\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`heimdall scan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
