import { parentPort, workerData } from "node:worker_threads";
import type { ResolvedConfig } from "./config";
import { collectFacts } from "./collect";
import { ANALYZERS } from "./registry";
import { parseSourceText } from "../source/parse";
import type { CollectRequest, CollectResponse, CollectWorkerData } from "./collect-pool";

// A worker thread of the collect pool: parses files it is sent and answers with every enabled analyzer's facts.
const { ruleIds, config } = workerData as CollectWorkerData;
const analyzers = ANALYZERS.filter((analyzer) => ruleIds.includes(analyzer.meta.id));

parentPort?.on("message", ({ id, files }: CollectRequest) => {
  const results = files.map(({ path, content }) => JSON.stringify(collectFacts(parseSourceText(path, content), analyzers, config as ResolvedConfig)));
  const response: CollectResponse = { id, results };
  parentPort?.postMessage(response);
});
