import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";

/** One request the server answered: whether it carried the token, and what the machine's process list showed meanwhile. */
export interface ServedRequest {
  method: string;
  path: string;
  authorized: boolean;
}

/** A private git server over https: git's own `git http-backend` behind Basic authentication with one token. */
export interface HttpsGitServer {
  /** The https URL of a repository under the project root, e.g. `url("private.git")`. */
  url(repository: string): string;
  /** The server's self-signed certificate, to give git as its CA file. */
  caFile: string;
  requests: ServedRequest[];
  /** Command lines (of any process on the machine) that contained one of the watched secrets while a request was handled. */
  leakingCommandLines: string[];
  /** Command lines of git's https helper seen while requests were handled: proof the process list was looked at in time. */
  gitHelperCommandLines: string[];
  close(): Promise<void>;
}

export interface HttpsGitServerOptions {
  /** Folder whose bare repositories are served (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** The password the server accepts (any user name, as GitHub and GitLab do for tokens). */
  token: string;
  /** Scratch folder for the key and certificate. */
  dir: string;
  /** Strings no process's command line may contain (the token, its Basic form…). */
  watch: string[];
}

/** A self-signed certificate for 127.0.0.1 made with the `openssl` command; returns the key and certificate files. */
function selfSignedCertificate(dir: string): { keyFile: string; certFile: string } {
  const keyFile = path.join(dir, "server.key");
  const certFile = path.join(dir, "server.crt");
  execFileSync("openssl", [
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "1"],
    ...["-keyout", keyFile, "-out", certFile, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
  ], { stdio: "ignore" });
  return { keyFile, certFile };
}

/** Every process's command line on this machine (arguments joined by spaces); processes that vanish are skipped. */
function commandLines(): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      lines.push(readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim());
    } catch {
      // the process ended between listing and reading
    }
  }
  return lines;
}

/** The password of a Basic Authorization header, or null. */
function basicPassword(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** CGI variables that are the same for every request: any repository is served, to the authenticated token user. */
const FIXED_CGI_ENVIRONMENT = { NODE_ENV: "test", GIT_CONFIG_NOSYSTEM: "1", GIT_HTTP_EXPORT_ALL: "1", REMOTE_USER: "x-access-token", REMOTE_ADDR: "127.0.0.1" } as const;

/** The CGI environment of one request: only what `git http-backend` needs, nothing of the test process's git settings. */
function cgiEnvironment(request: IncomingMessage, options: HttpsGitServerOptions): NodeJS.ProcessEnv {
  const url = new URL(request.url ?? "/", "https://127.0.0.1");
  const header = (name: string) => String(request.headers[name] ?? "");
  return {
    ...FIXED_CGI_ENVIRONMENT,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: options.dir,
    GIT_PROJECT_ROOT: options.projectRoot,
    PATH_INFO: decodeURIComponent(url.pathname),
    REQUEST_METHOD: request.method ?? "GET",
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: header("content-type"),
    ...(request.headers["content-length"] ? { CONTENT_LENGTH: header("content-length") } : {}),
    HTTP_CONTENT_ENCODING: header("content-encoding"),
    HTTP_GIT_PROTOCOL: header("git-protocol"),
  };
}

/** Runs `git http-backend` as a CGI program for one request and relays its answer. */
function serveWithHttpBackend(request: IncomingMessage, response: ServerResponse, options: HttpsGitServerOptions): void {
  const backend = spawn(HTTP_BACKEND, [], { env: cgiEnvironment(request, options) });
  const output: Buffer[] = [];
  backend.stdout.on("data", (chunk: Buffer) => output.push(chunk));
  backend.on("close", () => relayCgiOutput(Buffer.concat(output), response));
  request.pipe(backend.stdin);
}

/** A CGI answer (headers, a blank line, the body) as an HTTP response; `Status:` sets the status code. */
function relayCgiOutput(output: Buffer, response: ServerResponse): void {
  const crlf = output.indexOf("\r\n\r\n");
  const lf = output.indexOf("\n\n");
  const [end, gap] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
  if (end < 0) {
    response.writeHead(502).end("git http-backend gave no headers");
    return;
  }
  let status = 200;
  for (const line of output.subarray(0, end).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
    else response.setHeader(name, value);
  }
  response.writeHead(status).end(output.subarray(end + gap));
}

type Seen = Pick<HttpsGitServer, "requests" | "leakingCommandLines" | "gitHelperCommandLines">;

/** Records the machine's command lines and the request, then answers 401 or lets `git http-backend` serve it. */
function handleRequest(request: IncomingMessage, response: ServerResponse, options: HttpsGitServerOptions, seen: Seen): void {
  for (const line of commandLines()) {
    if (options.watch.some((secret) => line.includes(secret))) seen.leakingCommandLines.push(line);
    if (line.includes("remote-https")) seen.gitHelperCommandLines.push(line);
  }
  const authorized = basicPassword(request.headers.authorization) === options.token;
  seen.requests.push({ method: request.method ?? "GET", path: request.url ?? "/", authorized });
  if (!authorized) {
    request.resume();
    response.writeHead(401, { "www-authenticate": 'Basic realm="heimdall-test"', "content-type": "text/plain" }).end("authentication required\n");
    return;
  }
  serveWithHttpBackend(request, response, options);
}

/**
 * Starts the server on a free port of 127.0.0.1. Each request is answered 401 unless its Basic password is the token;
 * while it is being handled (git's processes are alive then), every command line on the machine is checked for the
 * watched secrets.
 */
export async function startHttpsGitServer(options: HttpsGitServerOptions): Promise<HttpsGitServer> {
  const { keyFile, certFile } = selfSignedCertificate(options.dir);
  const seen: Seen = { requests: [], leakingCommandLines: [], gitHelperCommandLines: [] };
  const server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => handleRequest(request, response, options, seen));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (repository) => `https://127.0.0.1:${port}/${repository}`,
    caFile: certFile,
    ...seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
