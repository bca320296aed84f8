/** The ASGUARD01 Software Design Guide version that rules are written against. */
export const GUIDE_VERSION = "3.0";

/** Sections of the guide; every analyzer reports into exactly one of them. */
export const GUIDE_SECTIONS = {
  "core-principles": { title: "Core principles", number: 1 },
  solid: { title: "System architecture (SOLID)", number: 2 },
  "layered-topology": { title: "Layered topology", number: 3 },
  "design-patterns": { title: "Design patterns", number: 4 },
  "low-level-standards": { title: "Low-level standards", number: 5 },
  resilience: { title: "Resilience protocol", number: 6 },
  testing: { title: "Testing strategy", number: 7 },
  security: { title: "Security standards", number: 8 },
  performance: { title: "Performance engineering", number: 9 },
  documentation: { title: "Documentation and maintainability", number: 10 },
  devops: { title: "DevOps and deployment", number: 11 },
} as const;

export type GuideSectionId = keyof typeof GUIDE_SECTIONS;
