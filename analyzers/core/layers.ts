/** The guide's layers (section 3) and the folder names that place a file in each, shared by layering and coverage. */
export const DEFAULT_LAYER_FOLDERS = {
  domain: ["domain", "core", "entities", "entity"],
  application: ["application", "use-cases", "usecases", "services"],
  infrastructure: ["infrastructure", "adapters", "db", "persistence"],
  presentation: ["presentation", "ui", "api", "components", "controllers", "views"],
} as const satisfies Record<string, readonly string[]>;

export interface FolderLayer {
  folders: readonly string[];
}

/** The first folder on a file's path that names a layer decides the file's layer; files in none get undefined. */
export function layerFinder<L extends FolderLayer>(layers: readonly L[]): (file: string) => L | undefined {
  const byFolder = new Map<string, L>();
  for (const layer of layers) for (const folder of layer.folders) if (!byFolder.has(folder)) byFolder.set(folder, layer);
  return (file) => {
    for (const folder of file.split("/").slice(0, -1)) {
      const layer = byFolder.get(folder);
      if (layer) return layer;
    }
    return undefined;
  };
}
