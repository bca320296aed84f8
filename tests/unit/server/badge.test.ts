import { describe, expect, it } from "vitest";
import { escapeXml, renderBadge } from "@/app/_server/services/badge";

describe("renderBadge", () => {
  it("draws label and message in a two-part flat badge, the message part in the colour given", () => {
    const svg = renderBadge("heimdall", "87.2 B", "#97ca00");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="20" role="img" aria-label="heimdall: 87\.2 B">/);
    expect(svg.match(/>heimdall<\/text>/g)).toHaveLength(2);
    expect(svg.match(/>87\.2 B<\/text>/g)).toHaveLength(2);
    expect(svg).toContain('fill="#97ca00"');
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("grows with its text, so a longer message never overflows", () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width(renderBadge("heimdall", "not scanned", "#9f9f9f"))).toBeGreaterThan(width(renderBadge("heimdall", "93.0 A", "#4c1")));
  });

  it("escapes every text, so nothing in it can become markup", () => {
    const svg = renderBadge(`<script>alert("x")</script>`, `1 & 2 <b>'`, `red" onload="alert(1)`);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain('red" onload');
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(svg).toContain("1 &amp; 2 &lt;b&gt;&apos;");
  });

  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
