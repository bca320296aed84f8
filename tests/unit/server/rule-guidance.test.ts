import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZERS } from "@/analyzers";
import { parseGuidance, ruleGuidance } from "@/app/_server/services/rule-guidance";

const readme = (id: string) => readFileSync(path.resolve("analyzers", "rules", id, "README.md"), "utf8");

describe("rule guidance from the analyzers' READMEs", () => {
  it.each(ANALYZERS.map((analyzer) => analyzer.meta.id))("%s says what the guide asks and how to fix a finding, as plain text", (id) => {
    const guidance = parseGuidance(readme(id));
    expect(guidance.guide).toMatch(/^section \d+/);
    expect(guidance.howToFix.length).toBeGreaterThan(0);
    for (const paragraph of [guidance.guide ?? "", ...guidance.why, ...guidance.howToFix]) {
      // Markdown emphasis and link targets are gone; inline code keeps its backticks for the UI's code font.
      expect(paragraph.split(/`[^`]*`/).join("")).not.toMatch(/\*\*|\]\(/);
    }
  });

  it("keeps list items apart, drops emphasis and link targets, and leaves tables out", () => {
    const guidance = parseGuidance(
      ["# demo — `[X]`", "", "**Guide:** section 1, *Core principles*, see [the guide](../guide.md).", "", "## Why", "Because", "it matters.", "", "## How to fix a finding", "1. **Split** it.", "2. Name `a*b` well.", "", "| option | default |", "|---|---|", "", "## Options", "Nothing."].join("\n"),
    );
    expect(guidance).toEqual({ guide: "section 1, Core principles, see the guide.", why: ["Because it matters."], howToFix: ["Split it.", "Name `a*b` well."] });
  });

  it("reads a known rule's README and nothing for an id no analyzer has", async () => {
    expect((await ruleGuidance("function-size"))?.howToFix[0]).toMatch(/^Extract the steps of the function/);
    expect(await ruleGuidance("../../package.json")).toBeNull();
  });
});
