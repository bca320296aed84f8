/**
 * A module with SQL built with `+` on line 3 (an injection finding with a snippet) and an eval on line 7 suppressed
 * with a reason: the findings the drill-down tests (integration and e2e) look for.
 */
export const INJECTION_QUERIES = [
  'import { db } from "./db";',
  "",
  'export const byId = (id: string): unknown => db.query("SELECT * FROM users WHERE id = " + id);',
  "",
  "export function run(code: string): unknown {",
  "  // heimdall-ignore injection -- the admin console evaluates its own expressions",
  "  return eval(code);",
  "}",
  "",
].join("\n");
