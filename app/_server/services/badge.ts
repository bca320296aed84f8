import { getDb } from "../db";
import { chosenSnapshotSql } from "./dashboard/snapshots";

/** A badge ready to serve: the SVG and the status to answer with. */
export interface Badge {
  status: 200 | 404;
  svg: string;
}

const LABEL = "heimdall";
/** Shields' palette, by grade. */
const GRADE_COLOURS: Record<string, string> = { A: "#4c1", B: "#97ca00", C: "#dfb317", D: "#fe7d37", E: "#e05d44" };
const GREY = "#9f9f9f";

/**
 * `GET /api/repositories/:id/badge.svg`: "heimdall | 87.2 A" for a repository marked public, coloured by grade. An
 * unknown id and a repository that is not public get the very same 404 badge, so the badge never tells whether a
 * private repository exists.
 */
export async function repositoryBadge(repositoryId: string): Promise<Badge> {
  const repository = await getDb().repository.findFirst({ where: { id: repositoryId, public: true }, select: { id: true } });
  if (!repository) return { status: 404, svg: renderBadge(LABEL, "not found", GREY) };
  const [snapshot] = await getDb().$queryRaw<Array<{ score: number | null; grade: string | null }>>`
    WITH chosen AS (${chosenSnapshotSql(repositoryId, undefined)})
    SELECT s.score, s.grade FROM "Scan" s WHERE s.id = (SELECT id FROM chosen)`;
  if (!snapshot) return { status: 200, svg: renderBadge(LABEL, "not scanned", GREY) };
  if (snapshot.score === null) return { status: 200, svg: renderBadge(LABEL, "n/a", GREY) };
  return { status: 200, svg: renderBadge(LABEL, `${snapshot.score.toFixed(1)} ${snapshot.grade ?? ""}`.trim(), GRADE_COLOURS[snapshot.grade ?? ""] ?? GREY) };
}

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char] ?? char);
}

/**
 * Approximate width in pixels of `text` in 11px Verdana, the badge font: wide letters and digits at about 7px, narrow
 * ones at about 3–4px. Close enough for short labels; the SVG scales the text to the width with textLength.
 */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[iljtf.,:;'|! ]/.test(char) ? 3.8 : /[mwMW]/.test(char) ? 10 : /[A-Z0-9]/.test(char) ? 7.5 : 6.6;
  return Math.round(width);
}

/** A flat, shields.io-style two-part badge. Every text is XML-escaped. */
export function renderBadge(label: string, message: string, colour: string): string {
  const labelWidth = textWidth(label) + 10;
  const messageWidth = textWidth(message) + 10;
  const width = labelWidth + messageWidth;
  const title = escapeXml(`${label}: ${message}`);
  const [safeLabel, safeMessage, safeColour] = [escapeXml(label), escapeXml(message), escapeXml(colour)];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${safeColour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${labelWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${safeLabel}</text><text x="${labelWidth / 2}" y="14">${safeLabel}</text>`,
    `<text x="${labelWidth + messageWidth / 2}" y="15" fill="#010101" fill-opacity=".3">${safeMessage}</text><text x="${labelWidth + messageWidth / 2}" y="14">${safeMessage}</text>`,
    `</g></svg>`,
  ].join("");
}
