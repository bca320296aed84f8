/**
 * A small seeded pseudo-random generator (sfc32, seeded through cyrb128), so a seed gives the same organisation on every
 * machine. `fork(label)` derives an independent stream: what a repository looks like depends on its own label, not on
 * how many values were drawn before it, so a smaller seed (the tests') is not a different world.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An independent generator for `label`, the same whatever was drawn from this one. */
  fork(label: string | number): Random {
    return new Random(`${this.seed}/${label}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, deviation = 1): number {
    const u = Math.max(this.next(), Number.EPSILON);
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** `length` lowercase hexadecimal digits, e.g. a commit id. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, "0");
    return out.slice(0, length);
  }

  /** A cuid-shaped id (`c` + 24 base-36 characters), like the ones Prisma creates. */
  cuid(): string {
    let out = "c";
    while (out.length < 25) out += Math.floor(this.next() * 2176782336).toString(36).padStart(6, "0");
    return out.slice(0, 25);
  }
}

/** A 128-bit seed from a string (cyrb128). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Ids shaped like Prisma's cuids (`c` + 24 base-36 characters) that increase in the order they are made, as a cuid's
 * leading timestamp makes real ones do: index inserts append at the end of the B-tree instead of landing anywhere in it,
 * which keeps writing a million rows several times faster. `block` keeps the sequences of different makers apart.
 */
export class IdSequence {
  private count = 0;

  constructor(
    private readonly block: number,
    private readonly random: Random,
  ) {}

  next(): string {
    const serial = `${this.block.toString(36).padStart(5, "0")}${(this.count++).toString(36).padStart(5, "0")}`;
    return `c${serial}${this.random.cuid().slice(11)}`;
  }
}

/** Uniform in [0, 1) from a string alone: stable per-item decisions (is this finding suppressed?) without a stream. */
export function hashUnit(text: string): number {
  return cyrb128(text)[0] / 4294967296;
}
