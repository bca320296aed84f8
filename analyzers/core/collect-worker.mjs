// Entry of a collect worker thread. Worker threads do not inherit tsx's loader, so the thread registers it (for
// ES modules and CommonJS alike) and then loads the TypeScript worker beside this file.
import { register as registerCommonJs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

registerCommonJs();
register();
await import(new URL("./collect-worker-main.ts", import.meta.url).href);
