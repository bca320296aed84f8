import { logger } from "../../app/_server/logger";

type Step = [name: string, run: () => Promise<unknown>];

/**
 * Runs the steps in order on the first SIGINT/SIGTERM and exits; a second signal exits at once.
 * Each step is bounded so that one stuck component cannot keep the process alive.
 */
export function onShutdown(steps: () => Step[], stepTimeoutMs = 20_000): void {
  let isStopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (isStopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    isStopping = true;
    logger.info({ signal }, "shutting down");
    const hasFailed = await runSteps(steps(), stepTimeoutMs);
    logger.flush();
    process.exit(hasFailed ? 1 : 0);
  };
  process.on("SIGINT", (signal) => void stop(signal));
  process.on("SIGTERM", (signal) => void stop(signal));
}

/** Runs every step even when an earlier one fails or times out; true when any of them did. */
async function runSteps(steps: readonly Step[], stepTimeoutMs: number): Promise<boolean> {
  let hasFailed = false;
  for (const [name, run] of steps) {
    try {
      await Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), stepTimeoutMs).unref())]);
      logger.info({ step: name }, "stopped");
    } catch (error) {
      hasFailed = true;
      logger.error({ err: error, step: name }, "shutdown step failed");
    }
  }
  return hasFailed;
}
