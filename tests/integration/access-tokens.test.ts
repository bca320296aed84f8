import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, RepositoryDto } from "@/app/_lib/dto";
import { GET as getRepositoryRoute, PATCH as updateRepositoryRoute } from "@/app/api/repositories/[id]/route";
import { GET as listRepositoriesRoute, POST as registerRepositoryRoute } from "@/app/api/repositories/route";
import { getDb } from "@/app/_server/db";
import { CloneError, cloneRepository, type CloneRequest } from "@/app/_server/git/clone";
import { openSecret } from "@/app/_server/security/secret-box";
import { call } from "../helpers/api";
import { createFixtureRepo, headCommit } from "../helpers/git-fixture";
import { startHttpsGitServer, type HttpsGitServer } from "../helpers/https-git-server";
import { requestScanOf, useScanWorkers, waitForScan } from "../helpers/scans";

const TOKEN = `hmdl_${randomBytes(18).toString("hex")}`;
const WRONG_TOKEN = `hmdl_${randomBytes(18).toString("hex")}`;
/** Every form of a token git or Heimdall could leak: as given, and as the Basic credentials of the header. */
const forms = (token: string) => [token, Buffer.from(`x-access-token:${token}`).toString("base64")];

const ENV_NAMES = ["HEIMDALL_SECRET_KEY", "HEIMDALL_ALLOW_PRIVATE_HOSTS", "HEIMDALL_GIT_SSL_CA_INFO"] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

let scratch: string;
let server: HttpsGitServer;
let sourceRepo: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "heimdall-tokens-"));
  sourceRepo = createFixtureRepo(path.join(scratch, "sources"), "sample");
  const projectRoot = path.join(scratch, "served");
  mkdirSync(projectRoot);
  execFileSync("git", ["clone", "--quiet", "--bare", sourceRepo, path.join(projectRoot, "private.git")], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } });
  server = await startHttpsGitServer({ projectRoot, token: TOKEN, dir: scratch, watch: [...forms(TOKEN), ...forms(WRONG_TOKEN)] });
  process.env.HEIMDALL_SECRET_KEY = randomBytes(32).toString("base64");
  process.env.HEIMDALL_ALLOW_PRIVATE_HOSTS = "true";
  process.env.HEIMDALL_GIT_SSL_CA_INFO = server.caFile;
});

afterAll(async () => {
  await server?.close();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  rmSync(scratch, { recursive: true, force: true });
});

useScanWorkers();

/** A clone request for the served private repository into a fresh work folder. */
function requestFor(overrides: Partial<CloneRequest> = {}): CloneRequest {
  return {
    source: server.url("private.git"),
    isLocal: false,
    branch: null,
    workDir: mkdtempSync(path.join(scratch, "work-")),
    timeoutMs: 30_000,
    allowPrivateHosts: true,
    sslCaInfo: server.caFile,
    ...overrides,
  };
}

/** The CloneError a clone fails with. */
async function cloneFailure(request: CloneRequest): Promise<CloneError> {
  const error = await cloneRepository(request).then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(CloneError);
  return error as CloneError;
}

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, text: readFileSync(file, "latin1") }));
}

function expectNoToken(text: string): void {
  for (const form of [...forms(TOKEN), ...forms(WRONG_TOKEN)]) expect(text).not.toContain(form);
}

describe("cloning a private repository over https", () => {
  it("succeeds with the token, which reaches git through its environment only", async () => {
    const before = server.requests.length;
    const checkout = await cloneRepository(requestFor({ accessToken: TOKEN }));
    expect(checkout.commitSha).toBe(headCommit(sourceRepo));
    expect(server.requests.slice(before).every((request) => request.authorized)).toBe(true);
    // The URL git stored is the one registered, with no credentials; nothing under .git holds the token in any form.
    expect(readFileSync(path.join(checkout.dir, ".git", "config"), "utf8")).toContain(`url = ${server.url("private.git")}`);
    for (const { text } of filesUnder(path.join(checkout.dir, ".git"))) expectNoToken(text);
    // While the server answered, git's https helper was running, and no command line on the machine held the token.
    expect(server.gitHelperCommandLines.length).toBeGreaterThan(0);
    expect(server.leakingCommandLines).toEqual([]);
  });

  it("fails clearly without a token: the server asks for credentials", async () => {
    const error = await cloneFailure(requestFor());
    expect(error.message).toMatch(/^Could not clone the repository: authentication failed — the server asks for credentials/);
  });

  it("fails clearly with a wrong token, and the message holds neither token", async () => {
    const error = await cloneFailure(requestFor({ accessToken: WRONG_TOKEN }));
    expect(error.message).toMatch(/authentication failed — the server did not accept the access token/);
    expectNoToken(`${error.message}\n${error.stack ?? ""}`);
    expect(server.leakingCommandLines).toEqual([]);
  });

  it("trusts the server's private CA only when told to (HEIMDALL_GIT_SSL_CA_INFO)", async () => {
    const saved = process.env.HEIMDALL_GIT_SSL_CA_INFO;
    delete process.env.HEIMDALL_GIT_SSL_CA_INFO;
    try {
      const { sslCaInfo: _, ...withoutCa } = requestFor({ accessToken: TOKEN });
      const error = await cloneFailure(withoutCa);
      expect(error.message).toMatch(/certificate/i);
      expectNoToken(error.message);
    } finally {
      process.env.HEIMDALL_GIT_SSL_CA_INFO = saved;
    }
    const { sslCaInfo: _, ...fromEnvironment } = requestFor({ accessToken: TOKEN });
    expect((await cloneRepository(fromEnvironment)).commitSha).toBe(headCommit(sourceRepo));
  });
});

async function register(body: Record<string, unknown>): Promise<{ status: number; body: RepositoryDto & ApiErrorBody }> {
  return call<RepositoryDto & ApiErrorBody>(registerRepositoryRoute, { body });
}

async function patch(id: string, body: unknown): Promise<{ status: number; body: RepositoryDto & ApiErrorBody }> {
  return call<RepositoryDto & ApiErrorBody>(updateRepositoryRoute, { method: "PATCH", params: { id }, body });
}

async function storedCipher(id: string): Promise<string | null> {
  return (await getDb().repository.findUniqueOrThrow({ where: { id } })).accessTokenCipher;
}

/** No answer about the repository (created, GET, list, an empty PATCH) holds the token or its ciphertext. */
async function expectWriteOnly(created: RepositoryDto, cipher: string): Promise<void> {
  const listed = (await call<RepositoryDto[]>(listRepositoriesRoute)).body;
  const answers = [created, (await call(getRepositoryRoute, { params: { id: created.id } })).body, listed, (await patch(created.id, {})).body];
  for (const answer of answers) {
    expectNoToken(JSON.stringify(answer));
    expect(JSON.stringify(answer)).not.toContain(cipher);
    expect(JSON.stringify(answer)).not.toMatch(/accessToken"|accessTokenCipher/);
  }
  expect(listed.map((repository) => repository.hasAccessToken)).toEqual([true]);
}

describe("access tokens through the API", () => {
  const remote = "https://git.example.com/org/private.git";

  it("stores only ciphertext, sealed for the repository, and never answers the token", async () => {
    const created = await register({ url: remote, accessToken: TOKEN });
    expect(created.status).toBe(201);
    expect(created.body.hasAccessToken).toBe(true);
    const cipher = await storedCipher(created.body.id);
    expect(cipher).toMatch(/^v1\./);
    expectNoToken(cipher ?? "");
    expect(openSecret(cipher ?? "", `repository-access-token/${created.body.id}`)).toBe(TOKEN);
    // The whole row, as the database holds it, has no plain token either.
    const [row] = await getDb().$queryRaw<Array<{ row: string }>>`SELECT r::text AS row FROM "Repository" r WHERE id = ${created.body.id}`;
    expectNoToken(row?.row ?? "");
    await expectWriteOnly(created.body, cipher ?? "");
  });

  it("sets, replaces and removes the token with PATCH", async () => {
    const created = await register({ url: remote });
    expect(created.body.hasAccessToken).toBe(false);
    expect(await storedCipher(created.body.id)).toBeNull();

    const set = await patch(created.body.id, { accessToken: WRONG_TOKEN });
    expect(set).toMatchObject({ status: 200, body: { id: created.body.id, hasAccessToken: true } });
    const first = await storedCipher(created.body.id);
    const replaced = await patch(created.body.id, { accessToken: TOKEN });
    expect(replaced.body.hasAccessToken).toBe(true);
    const second = await storedCipher(created.body.id);
    expect(second).not.toBe(first);
    expect(openSecret(second ?? "", `repository-access-token/${created.body.id}`)).toBe(TOKEN);
    expectNoToken(JSON.stringify([set.body, replaced.body]));

    const removed = await patch(created.body.id, { accessToken: null });
    expect(removed).toMatchObject({ status: 200, body: { hasAccessToken: false } });
    expect(await storedCipher(created.body.id)).toBeNull();
  });

  it("refuses a token for ssh remotes and local folders, storing nothing", async () => {
    for (const url of ["ssh://git.example.com/org/repo.git", "git@git.example.com:org/repo.git", createFixtureRepo(inject("repoRoot"), "sample")]) {
      const refused = await register({ url, accessToken: TOKEN });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "invalid_request" });
      expect(refused.body.error.message).toMatch(/accessToken can only be set for https:\/\/ repositories/);
      expectNoToken(refused.body.error.message);
    }
    expect(await getDb().repository.count()).toBe(0);

    const local = await register({ url: createFixtureRepo(inject("repoRoot"), "sample") });
    const patched = await patch(local.body.id, { accessToken: TOKEN });
    expect(patched.status).toBe(400);
    expect(await storedCipher(local.body.id)).toBeNull();
    expect((await patch(local.body.id, { accessToken: null })).status).toBe(200);
  });

  it.each([
    ["a line break", `${TOKEN}\nX-Injected: yes`, /control characters or line breaks/],
    ["a control character", `${TOKEN}\u0007`, /control characters/],
    ["more than 4096 characters", TOKEN.repeat(200), /longer than 4096 characters/],
    ["an empty string", "", /cannot be empty; send null to remove the token/],
    ["a number", 12345, /must be a string/],
  ])("refuses a token with %s without echoing it", async (_, accessToken, message) => {
    const refused = await register({ url: remote, accessToken });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(message);
    expectNoToken(refused.body.error.message);
    const existing = await register({ url: remote });
    const patched = await patch(existing.body.id, { accessToken });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toMatch(message);
    expectNoToken(patched.body.error.message);
    expect(await storedCipher(existing.body.id)).toBeNull();
  });

  it("answers 503 saying what to set when no key is configured, and stores nothing", async () => {
    const key = process.env.HEIMDALL_SECRET_KEY;
    delete process.env.HEIMDALL_SECRET_KEY;
    try {
      const refused = await register({ url: remote, accessToken: TOKEN });
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe("unavailable");
      expect(refused.body.error.message).toMatch(/set HEIMDALL_SECRET_KEY/);
      expectNoToken(refused.body.error.message);
      expect(await getDb().repository.count()).toBe(0);
      expect(await getDb().team.count()).toBe(0);
      // Without a token, registration does not need the key.
      expect((await register({ url: remote })).status).toBe(201);
    } finally {
      process.env.HEIMDALL_SECRET_KEY = key;
    }
  });

  it("answers 404 for an unknown repository and 400 for an unknown field", async () => {
    expect((await patch("missing", { accessToken: TOKEN })).status).toBe(404);
    const created = await register({ url: remote });
    const unknown = await patch(created.body.id, { accesToken: TOKEN });
    expect(unknown.status).toBe(400);
    expectNoToken(unknown.body.error.message);
  });
});

describe("scans of a private repository", () => {
  it("clone with the stored token; neither the job payload nor the scan holds it", async () => {
    const created = await register({ url: server.url("private.git"), accessToken: TOKEN });
    expect(created.status).toBe(201);
    const queued = await requestScanOf(created.body.id);
    const jobs = await getDb().$queryRaw<Array<{ data: string }>>`SELECT data::text AS data FROM pgboss.job`;
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expectNoToken(job.data);
    const scan = await waitForScan(queued.id);
    expect(scan).toMatchObject({ status: "succeeded", commitSha: headCommit(sourceRepo) });
    expectNoToken(JSON.stringify(scan));
  });

  it("fail for good with a wrong token, saying so without the token", async () => {
    const created = await register({ url: server.url("private.git"), accessToken: WRONG_TOKEN });
    const scan = await waitForScan((await requestScanOf(created.body.id)).id);
    expect(scan.status).toBe("failed");
    expect(scan.attempts).toBe(1);
    expect(scan.error).toMatch(/authentication failed — the server did not accept the access token/);
    expectNoToken(JSON.stringify(scan));
  });

  it("fail for good, asking for the token again, when it cannot be decrypted", async () => {
    const first = await register({ url: server.url("private.git"), accessToken: TOKEN });
    // A ciphertext copied from another repository's row does not open (the repository id is authenticated).
    const other = await register({ url: server.url("private.git"), branch: "main" });
    await getDb().repository.update({ where: { id: other.body.id }, data: { accessTokenCipher: await storedCipher(first.body.id) } });
    const copied = await waitForScan((await requestScanOf(other.body.id)).id);
    expect(copied.status).toBe("failed");
    expect(copied.error).toMatch(/access token cannot be decrypted: .*failed authentication.* Set the token again/);

    // A changed HEIMDALL_SECRET_KEY: the error names the key ids, not the token.
    const key = process.env.HEIMDALL_SECRET_KEY;
    process.env.HEIMDALL_SECRET_KEY = randomBytes(32).toString("hex");
    try {
      const rotated = await waitForScan((await requestScanOf(first.body.id)).id);
      expect(rotated.status).toBe("failed");
      expect(rotated.attempts).toBe(1);
      expect(rotated.error).toMatch(/sealed with another key .* Set the token again \(PATCH \/api\/repositories\//);
      expectNoToken(JSON.stringify([copied, rotated]));
    } finally {
      process.env.HEIMDALL_SECRET_KEY = key;
    }
  });
});
