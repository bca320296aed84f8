import { format } from "node:util";
import pino from "pino";
import { loadEnv } from "./env";

/** Structured JSON logs on stdout `[LOGS]`; one logger per process, children per component. */
export const logger = pino({
  level: loadEnv().LOG_LEVEL,
  base: { service: "heimdall" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["*.token", "*.password", "*.authorization", "*.accessToken", "token", "password", "accessToken"], censor: "[redacted]" },
});

const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/**
 * Routes `console.*` of libraries that print on their own (Next.js prints its start-up lines) into the JSON log,
 * so that every line Heimdall writes to stdout is one structured record.
 */
export function captureConsole(component: string): void {
  const child = logger.child({ component });
  const relay = (level: "debug" | "info" | "warn" | "error") => (...args: unknown[]) => {
    child[level](format(...args).replace(ANSI_ESCAPES, "").trim());
  };
  console.log = relay("info");
  console.info = relay("info");
  console.warn = relay("warn");
  console.error = relay("error");
  console.debug = relay("debug");
}
