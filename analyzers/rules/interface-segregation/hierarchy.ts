import type { ModuleResolver } from "../../source/resolve";
import type { Declaration, MethodState, TypeRef } from "./collect";

/** A declaration with the file it is in. */
export interface Located extends Declaration {
  file: string;
}

/** What the supertypes of a class say about one member. */
interface InheritedView {
  /** State of the member in the nearest ancestor class that has it as a method, or null. */
  nearestState: MethodState | null;
  /** Name of the nearest ancestor (class or interface) that declares the member, or null. */
  declaredBy: string | null;
  /** Whether some supertype could not be found in the repository (a package, a global, a mixin). */
  hasUnknown: boolean;
}

/** Finds the declarations a class's `extends`/`implements` name, across files, through imports and path aliases. */
export class TypeIndex {
  private readonly byFile = new Map<string, Map<string, Located>>();
  private readonly byName = new Map<string, Located[]>();

  constructor(
    declarations: readonly Located[],
    private readonly resolver: ModuleResolver,
  ) {
    for (const declaration of declarations) {
      const inFile = this.byFile.get(declaration.file) ?? new Map<string, Located>();
      if (!inFile.has(declaration.name) || declaration.kind === "class") inFile.set(declaration.name, declaration);
      this.byFile.set(declaration.file, inFile);
      this.byName.set(declaration.name, [...(this.byName.get(declaration.name) ?? []), declaration]);
    }
  }

  /** A refusing method breaks the contract when a supertype declares it (or may: an unknown supertype), unless the parent already refuses it. */
  isRefusedContract(unit: Located, member: string): boolean {
    const view = this.view(unit, member);
    if (view.nearestState === "refuses") return false;
    return view.declaredBy !== null || view.hasUnknown;
  }

  nearestState(unit: Located, member: string): MethodState | null {
    return this.view(unit, member).nearestState;
  }

  /** The supertype that declares the member, else the first supertype named. */
  contractName(unit: Located, member: string): string {
    return this.view(unit, member).declaredBy ?? unit.supertypes.find((type) => type !== null)?.name ?? "its supertype";
  }

  private view(unit: Located, member: string): InheritedView {
    const result: InheritedView = { nearestState: null, declaredBy: null, hasUnknown: false };
    const seen = new Set<Located>([unit]);
    const queue: Located[] = [unit];
    for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
      for (const type of current.supertypes) {
        const found = type === null ? null : this.resolve(current, type);
        if (found === null) result.hasUnknown = true;
        if (found === null || seen.has(found)) continue;
        seen.add(found);
        queue.push(found);
        noteMember(result, found, member);
      }
    }
    return result;
  }

  private resolve(from: Located, type: TypeRef): Located | null {
    if (type.module === null) return this.byFile.get(from.file)?.get(type.name) ?? null;
    const target = this.resolver.resolve(from.file, type.module);
    if (target === null) return null;
    const candidates = this.byName.get(type.name) ?? [];
    return this.byFile.get(target)?.get(type.name) ?? (candidates.length === 1 ? (candidates[0] ?? null) : null);
  }
}

function noteMember(view: InheritedView, ancestor: Located, member: string): void {
  if (!ancestor.members.includes(member)) return;
  view.declaredBy ??= ancestor.name;
  const state = ancestor.methods[member];
  if (view.nearestState === null && state !== undefined) view.nearestState = state;
}
