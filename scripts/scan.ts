// `npm run scan -- <path> [--format table|json|sarif] [--out FILE] [--fail-under N] [--config FILE]`: scores a local checkout.
// Exit codes: 0 done, 1 score under --fail-under, 2 bad input.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { analyzeRepository, ConfigFileError, formatJson, formatSarif, formatTable, parseConfigLayer, type ConfigLayer, type ProgressEvent } from "../analyzers";

const argsSchema = z.object({
  target: z.string({ error: "give the folder to scan: npm run scan -- <path>" }),
  format: z.enum(["table", "json", "sarif"]).default("table"),
  config: z.string().optional(),
  out: z.string().optional(),
  failUnder: z.coerce.number().min(0).max(100).optional(),
});

function parseCli(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string" }, out: { type: "string" }, "fail-under": { type: "string" }, config: { type: "string" } },
  });
  return argsSchema.parse({ target: positionals[0], format: values.format, out: values.out, failUnder: values["fail-under"], config: values.config });
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

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join("; ") : (error as Error).message;
    process.stderr.write(`heimdall scan: ${message}\n`);
    return 2;
  }
  const dir = path.resolve(args.target);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`heimdall scan: ${args.target} is not a folder (git URLs are scanned through the dashboard for now)\n`);
    return 2;
  }
  let report: Awaited<ReturnType<typeof analyzeRepository>>;
  try {
    const onProgress = progressLine();
    report = await analyzeRepository(dir, { config: readConfigFile(args.config), ...(onProgress ? { onProgress } : {}) });
    if (onProgress) process.stderr.write("\r\x1b[2K");
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    process.stderr.write(`heimdall scan: ${error.message}\n`);
    return 2;
  }
  const formats = { table: () => formatTable(report, dir), json: () => formatJson(report, dir, headCommit(dir)), sarif: () => formatSarif(report) };
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
