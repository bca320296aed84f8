import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZERS, GUIDE_SECTIONS } from "@/analyzers";
import { GUIDE_TAGS, NOT_CHECKABLE, ruleCatalogue } from "@/analyzers/core/catalogue";
import { renderRulesDoc } from "@/analyzers/report/rules-doc";

const ROOT = path.resolve(__dirname, "../../..");
const guide = readFileSync(path.join(ROOT, "docs/guide/ASGUARD01-design-guide.md"), "utf8");

/** `### [TAG] Title` headings with the number of the `## N.` section they sit in, first occurrence of each tag. */
function guideHeadings(): Array<{ tag: string; section: number }> {
  const headings: Array<{ tag: string; section: number }> = [];
  let section = 0;
  for (const line of guide.split("\n")) {
    const sectionMatch = /^## (\d+)\. /.exec(line);
    if (sectionMatch) section = Number(sectionMatch[1]);
    const tag = /^### `\[([^\]]+)\]`/.exec(line)?.[1];
    if (tag && !headings.some((heading) => heading.tag === tag)) headings.push({ tag, section });
  }
  return headings;
}

describe("rule catalogue", () => {
  it("lists exactly the guide's 47 rule tags, in its order and sections", () => {
    const headings = guideHeadings();
    expect(headings).toHaveLength(47);
    expect(GUIDE_TAGS.map(({ tag, section }) => ({ tag, section: GUIDE_SECTIONS[section].number }))).toEqual(headings);
  });

  it("traces every analyzer to tags the guide has", () => {
    const known = new Set(GUIDE_TAGS.map((entry) => entry.tag));
    for (const analyzer of ANALYZERS) {
      expect(analyzer.meta.guideTags.length, analyzer.meta.id).toBeGreaterThan(0);
      for (const tag of analyzer.meta.guideTags) expect(known, `${analyzer.meta.id} cites [${tag}]`).toContain(tag);
    }
  });

  it("checks every tag or says why it cannot, never both", () => {
    for (const entry of ruleCatalogue(ANALYZERS)) {
      if (entry.analyzers.length > 0) expect(NOT_CHECKABLE[entry.tag], `[${entry.tag}] is checked`).toBeUndefined();
      else expect(entry.notCheckable?.length ?? 0, `[${entry.tag}] needs an analyzer or a reason`).toBeGreaterThan(40);
    }
  });

  it("keeps docs/rules.md equal to what the analyzers' metadata generates (npm run docs:rules)", () => {
    expect(readFileSync(path.join(ROOT, "docs/rules.md"), "utf8")).toBe(renderRulesDoc(ANALYZERS));
  });
});
