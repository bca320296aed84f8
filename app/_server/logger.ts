import pino from "pino";
import { loadEnv } from "./env";

/** Structured JSON logs on stdout `[LOGS]`; one logger per process, children per component. */
export const logger = pino({
  level: loadEnv().LOG_LEVEL,
  base: { service: "heimdall" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["*.token", "*.password", "*.authorization", "token", "password"], censor: "[redacted]" },
});
