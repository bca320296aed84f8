// One cold scan in a fresh process (no JIT warm-up, no cache), for the engine benchmark: prints the seconds it took.
//
//   tsx scripts/bench/lib/cold-scan.ts <root> '<AnalyzeOptions as JSON>'
import { performance } from "node:perf_hooks";
import { analyzeRepository, type AnalyzeOptions } from "../../../analyzers";

async function main(): Promise<void> {
  const [root = ".", json = "{}"] = process.argv.slice(2);
  const started = performance.now();
  await analyzeRepository(root, JSON.parse(json) as AnalyzeOptions);
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(3)}\n`);
}

void main();
