// Writes docs/rules.md from the analyzers' metadata: `npm run docs:rules`.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ANALYZERS } from "../../analyzers";
import { renderRulesDoc } from "../../analyzers/report/rules-doc";

const target = path.join(__dirname, "..", "..", "docs", "rules.md");
writeFileSync(target, renderRulesDoc(ANALYZERS));
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
