export const GRADES = ["A", "B", "C", "D", "E"] as const;
export type Grade = (typeof GRADES)[number];

/** Lower bounds of grades A–D; anything below the last is E (docs/adr/0004-scoring.md). */
const GRADE_FLOORS: ReadonlyArray<readonly [Grade, number]> = [
  ["A", 90],
  ["B", 80],
  ["C", 70],
  ["D", 50],
];

/** Letter grade of a 0–100 score by the floors above; a score exactly on a floor gets that grade. */
export function gradeFor(score: number): Grade {
  for (const [grade, floor] of GRADE_FLOORS) if (score >= floor) return grade;
  return "E";
}

export interface WeightedScore {
  score: number | null;
  weight: number;
}

/** Weighted mean of the applicable scores; null when nothing applies (not applicable is never a pass). */
export function weightedMean(items: readonly WeightedScore[]): number | null {
  let total = 0;
  let weights = 0;
  for (const { score, weight } of items) {
    if (score === null || weight <= 0) continue;
    total += score * weight;
    weights += weight;
  }
  return weights === 0 ? null : roundScore(total / weights);
}

/** Share of compliant items as a 0–100 score, or null when there is nothing to judge. */
export function complianceRatioScore(compliant: number, total: number): number | null {
  if (total === 0) return null;
  return roundScore((100 * compliant) / total);
}

/** Clamps to 0–100 and keeps one decimal, so every score reported or stored has the same shape. */
export function roundScore(score: number): number {
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}
