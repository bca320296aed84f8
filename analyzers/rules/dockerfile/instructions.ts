/** One Dockerfile instruction with its continuation lines joined; `line` is where it starts. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** One build stage: its FROM, the base image with build arguments filled in, and its last USER and HEALTHCHECK. */
export interface Stage {
  from: Instruction;
  image: string;
  alias: string | null;
  user: Instruction | null;
  healthcheck: Instruction | null;
}

const HEREDOC = /<<-?\s*["']?([A-Za-z_][\w]*)["']?/;

/**
 * The instructions of a Dockerfile: comments and parser directives skipped, lines ending in the escape character
 * joined, here-documents (`RUN <<EOF … EOF`) kept inside their instruction.
 */
export function instructionsOf(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const escape = /^#\s*escape\s*=\s*`/i.test(lines[0] ?? "") ? "`" : "\\";
  const instructions: Instruction[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const first = (lines[index] ?? "").trim();
    if (first === "" || first.startsWith("#")) continue;
    const { joined, last } = joinContinuations(lines, index, escape);
    const [keyword = "", ...rest] = joined.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: index + 1 });
    index = skipHeredoc(lines, last, joined);
  }
  return instructions;
}

/** The instruction starting at `start` with the lines its trailing escape characters continue it onto (comments dropped). */
function joinContinuations(lines: readonly string[], start: number, escape: string): { joined: string; last: number } {
  let joined = (lines[start] ?? "").trim();
  let last = start;
  while (joined.endsWith(escape) && last + 1 < lines.length) {
    last += 1;
    const next = (lines[last] ?? "").trim();
    joined = joined.slice(0, -1) + (next.startsWith("#") ? "" : ` ${next}`);
  }
  return { joined, last };
}

function skipHeredoc(lines: readonly string[], index: number, instruction: string): number {
  const marker = HEREDOC.exec(instruction)?.[1];
  if (!marker) return index;
  const end = lines.findIndex((line, at) => at > index && line.trim() === marker);
  return end === -1 ? lines.length : end;
}

/** Build stages in order; build arguments declared before the first FROM are substituted into base images. */
export function stagesOf(instructions: readonly Instruction[]): Stage[] {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const current = stages.at(-1);
    if (instruction.keyword === "ARG" && !current) recordArg(globalArgs, instruction.args);
    else if (instruction.keyword === "FROM") stages.push(stageFrom(instruction, globalArgs));
    else if (current && instruction.keyword === "USER") current.user = instruction;
    else if (current && instruction.keyword === "HEALTHCHECK") current.healthcheck = instruction;
  }
  return stages;
}

function recordArg(args: Map<string, string>, declaration: string): void {
  for (const part of declaration.split(/\s+/)) {
    const [name = "", ...value] = part.split("=");
    if (value.length > 0) args.set(name, value.join("=").replace(/^["']|["']$/g, ""));
  }
}

function stageFrom(from: Instruction, args: ReadonlyMap<string, string>): Stage {
  const words = from.args.split(/\s+/).filter((word) => !word.startsWith("--"));
  const image = (words[0] ?? "").replace(/\$\{(\w+)(?::?[-+]([^}]*))?\}|\$(\w+)/g, (whole, braced?: string, fallback?: string, bare?: string) => {
    const name = braced ?? bare ?? "";
    return args.get(name) ?? fallback ?? whole;
  });
  const alias = words[1]?.toUpperCase() === "AS" ? (words[2] ?? null) : null;
  return { from, image, alias, user: null, healthcheck: null };
}
