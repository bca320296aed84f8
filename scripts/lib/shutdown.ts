import { logger } from "../../app/_server/logger";

type Step = [name: string, run: () => Promise<unknown>];

/**
 * Runs the steps in order on the first SIGINT/SIGTERM and exits; a second signal exits at once.
 * Each step is bounded so that one stuck component cannot keep the process alive.
 */
export function onShutdown(steps: () => Step[], stepTimeoutMs = 20_000): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    let failed = false;
    for (const [name, run] of steps()) {
      try {
        await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), stepTimeoutMs).unref())]);
        logger.info({ step: name }, "stopped");
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: name }, "shutdown step failed");
      }
    }
    logger.flush();
    process.exit(failed ? 1 : 0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}
