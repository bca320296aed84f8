import { ts } from "ts-morph";

/**
 * Synchronous calls that wait on the disk, another process or a deliberately slow computation, by their name as Node.js,
 * fs-extra, glob and bcrypt spell them. Not here: `randomBytes`/`randomFillSync` of small buffers (fast), JSON and string
 * work (no async twin).
 */
const BLOCKING_CALLS: ReadonlySet<string> = new Set([
  // node:fs
  "readFileSync", "writeFileSync", "appendFileSync", "readdirSync", "statSync", "lstatSync", "fstatSync", "existsSync",
  "accessSync", "mkdirSync", "mkdtempSync", "rmSync", "rmdirSync", "unlinkSync", "copyFileSync", "cpSync", "renameSync",
  "openSync", "readSync", "writeSync", "fsyncSync", "truncateSync", "realpathSync", "readlinkSync", "symlinkSync",
  "chmodSync", "chownSync", "utimesSync", "opendirSync",
  // fs-extra, glob
  "readJsonSync", "writeJsonSync", "outputFileSync", "outputJsonSync", "copySync", "moveSync", "removeSync",
  "ensureDirSync", "emptyDirSync", "globSync",
  // node:child_process
  "execSync", "execFileSync", "spawnSync",
  // node:crypto, bcrypt: key derivation is slow on purpose
  "pbkdf2Sync", "scryptSync", "generateKeyPairSync", "hashSync", "compareSync", "genSaltSync",
  // node:zlib
  "gzipSync", "gunzipSync", "deflateSync", "inflateSync", "deflateRawSync", "inflateRawSync", "unzipSync",
  "brotliCompressSync", "brotliDecompressSync",
]);

/** The call's name when it is a blocking call: `readFileSync(…)`, `fs.readFileSync(…)`, `bcrypt.hashSync(…)`. */
export function isBlockingCall(call: ts.CallExpression): string | null {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : null;
  return name && ts.isIdentifier(name) && BLOCKING_CALLS.has(name.text) ? name.text : null;
}

/** Where the asynchronous twin is not simply the name without `Sync`. */
const ALTERNATIVES: Readonly<Record<string, string>> = {
  existsSync: "access() from node:fs/promises",
  execSync: "a promisified exec()",
  execFileSync: "a promisified execFile()",
  spawnSync: "spawn() with its 'close' event",
  globSync: "glob()",
};

/** `readFileSync` → `readFile() (node:fs/promises or a promisified callback API)`. */
export function asyncAlternative(call: string): string {
  return ALTERNATIVES[call] ?? `${call.replace(/Sync$/, "")}() (the promise API, or a promisified callback)`;
}
