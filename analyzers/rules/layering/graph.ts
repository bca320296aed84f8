/** Strongly connected components (Tarjan, iterative so deep graphs cannot overflow the stack). */
export function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const tarjan = new Tarjan(edges);
  for (const root of nodes) if (!tarjan.isVisited(root)) tarjan.visit(root);
  return tarjan.components;
}

/** A node being explored, and the edges out of it not followed yet: one frame of the depth-first search. */
interface Frame {
  node: string;
  children: Iterator<string>;
}

/** One run of Tarjan's algorithm: each visited node's discovery index and low-link, and the stack of open nodes. */
class Tarjan {
  readonly components: string[][] = [];
  private readonly index = new Map<string, number>();
  private readonly low = new Map<string, number>();
  private readonly onStack = new Set<string>();
  private readonly stack: string[] = [];
  private counter = 0;

  constructor(private readonly edges: ReadonlyMap<string, ReadonlySet<string>>) {}

  isVisited(node: string): boolean {
    return this.index.has(node);
  }

  /** Depth-first search from an unvisited root, with an explicit list of frames in place of recursion. */
  visit(root: string): void {
    const work: Frame[] = [this.open(root)];
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const next = frame.children.next();
      if (!next.done) {
        this.follow(frame.node, next.value, work);
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) this.lowerTo(parent.node, this.lowOf(frame.node));
      if (this.lowOf(frame.node) === this.index.get(frame.node)) this.components.push(this.popComponent(frame.node));
    }
  }

  private follow(node: string, child: string, work: Frame[]): void {
    if (!this.index.has(child)) work.push(this.open(child));
    else if (this.onStack.has(child)) this.lowerTo(node, this.index.get(child) ?? Infinity);
  }

  private open(node: string): Frame {
    this.index.set(node, this.counter);
    this.low.set(node, this.counter);
    this.counter += 1;
    this.stack.push(node);
    this.onStack.add(node);
    return { node, children: (this.edges.get(node) ?? new Set<string>()).values() };
  }

  private lowOf(node: string): number {
    return this.low.get(node) ?? Infinity;
  }

  private lowerTo(node: string, value: number): void {
    this.low.set(node, Math.min(this.lowOf(node), value));
  }

  /** The nodes above and including `root` on the stack: the component `root` is the first-visited node of. */
  private popComponent(root: string): string[] {
    const component: string[] = [];
    for (let member = this.stack.pop(); member !== undefined; member = this.stack.pop()) {
      this.onStack.delete(member);
      component.push(member);
      if (member === root) break;
    }
    return component;
  }
}

/** One concrete cycle through `start` inside its component, as a path that ends where it began. */
export function cycleThrough(start: string, members: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  // for…of also visits the nodes pushed during the loop: a breadth-first search without index bookkeeping.
  for (const node of queue) {
    for (const next of edges.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const between: string[] = [];
        for (let step: string | undefined = node; step !== undefined && step !== start; step = previous.get(step)) between.push(step);
        return [start, ...between.reverse(), start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}
