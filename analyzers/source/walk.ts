import { ts } from "ts-morph";

interface NodeIndex {
  all: ts.Node[];
  byKind: Map<ts.SyntaxKind, ts.Node[]>;
}

const INDEXES = new WeakMap<ts.SourceFile, NodeIndex>();
const NONE: readonly ts.Node[] = [];

function buildIndex(ast: ts.SourceFile): NodeIndex {
  const all: ts.Node[] = [];
  const byKind = new Map<ts.SyntaxKind, ts.Node[]>();
  const visit = (node: ts.Node): void => {
    all.push(node);
    const ofKind = byKind.get(node.kind);
    if (ofKind) ofKind.push(node);
    else byKind.set(node.kind, [node]);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(ast, visit);
  return { all, byKind };
}

function indexOf(ast: ts.SourceFile): NodeIndex {
  let index = INDEXES.get(ast);
  if (!index) {
    index = buildIndex(ast);
    INDEXES.set(ast, index);
  }
  return index;
}

/**
 * Every node of the file below the source file itself, in pre-order (a parent before its children, children in source
 * order), as `ts.forEachChild` visits them. Walked once per file and shared by every analyzer: one traversal instead of
 * one per rule. Parent pointers are set, so context is a walk up `node.parent`.
 */
export function allNodes(ast: ts.SourceFile): readonly ts.Node[] {
  return indexOf(ast).all;
}

/** The file's nodes of one syntax kind, in source order, from the same shared index. */
export function nodesOfKind<T extends ts.Node = ts.Node>(ast: ts.SourceFile, kind: ts.SyntaxKind): readonly T[] {
  return (indexOf(ast).byKind.get(kind) ?? NONE) as readonly T[];
}

/** Nodes of any of the kinds, in source order. */
export function nodesOfKinds<T extends ts.Node = ts.Node>(ast: ts.SourceFile, kinds: readonly ts.SyntaxKind[]): T[] {
  const found = kinds.flatMap((kind) => nodesOfKind<T>(ast, kind));
  return kinds.length > 1 ? found.sort((a, b) => a.pos - b.pos || b.end - a.end) : found;
}
