import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { ApiErrorBody, RepositoryDto } from "@/app/_lib/dto";
import { GET as getRepository } from "@/app/api/repositories/[id]/route";
import { GET as listRepositories, POST as registerRepository } from "@/app/api/repositories/route";
import { GET as listTeams, POST as createTeam } from "@/app/api/teams/route";
import { getDb } from "@/app/_server/db";
import { createFixtureRepo } from "../helpers/git-fixture";
import { call } from "../helpers/api";

describe("POST /api/repositories", () => {
  it("registers a local repository under an allowed root, in a team created on first use", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    const { status, body } = await call<RepositoryDto>(registerRepository, { body: { url: repo, team: "Payments Squad", branch: "main" } });
    expect(status).toBe(201);
    expect(body).toMatchObject({ url: repo, branch: "main", team: { slug: "payments-squad", name: "Payments Squad" }, current: null, latestScan: null });

    const listed = await call<RepositoryDto[]>(listRepositories, { url: "http://heimdall.test/api/repositories?team=payments-squad" });
    expect(listed.body.map((repository) => repository.id)).toEqual([body.id]);
    const other = await call<RepositoryDto[]>(listRepositories, { url: "http://heimdall.test/api/repositories?team=nobody" });
    expect(other.body).toEqual([]);
    const one = await call<RepositoryDto>(getRepository, { params: { id: body.id } });
    expect(one.body.name).toBe(path.basename(repo));
  });

  it.each([
    [{}, 400, "invalid_request"],
    [{ url: "" }, 400, "invalid_request"],
    [{ url: 42 }, 400, "invalid_request"],
    [{ url: "definitely not a url" }, 400, "invalid_url"],
    [{ url: "https://" }, 400, "invalid_url"],
    [{ url: "ext::sh -c id" }, 422, "unsupported_url"],
    [{ url: "-oProxyCommand=id" }, 422, "unsupported_url"],
    [{ url: "http://example.com/repo.git" }, 422, "unsupported_url"],
    [{ url: "/etc" }, 422, "unsupported_url"],
    [{ url: "https://example.com/org/repo.git", branch: "--upload-pack=id" }, 400, "invalid_request"],
  ])("refuses %j with %d %s and stores nothing", async (input, status, code) => {
    const response = await call<ApiErrorBody>(registerRepository, { body: input });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(5);
    expect(await getDb().repository.count()).toBe(0);
    expect(await getDb().team.count()).toBe(0);
  });

  it("answers a malformed JSON body with 400", async () => {
    const response = await call<ApiErrorBody>(registerRepository, { rawBody: "{not json" });
    expect(response).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
  });

  it("refuses the same repository and branch twice with 409", async () => {
    const repo = createFixtureRepo(inject("repoRoot"), "sample");
    expect((await call(registerRepository, { body: { url: repo, branch: "main" } })).status).toBe(201);
    const again = await call<ApiErrorBody>(registerRepository, { body: { url: repo, branch: "main" } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "conflict" } } });
    expect(await getDb().repository.count()).toBe(1);
  });

  it("refuses a folder that only looks allowed through a symlink out of the root", async () => {
    const root = inject("repoRoot");
    mkdirSync(path.join(root, "nested"), { recursive: true });
    const response = await call<ApiErrorBody>(registerRepository, { body: { url: path.join(root, "nested", "..", "..", "..") } });
    expect(response.status).toBe(422);
  });
});

describe("GET /api/repositories/:id", () => {
  it("answers an unknown id with 404 and the error shape", async () => {
    const response = await call<ApiErrorBody>(getRepository, { params: { id: "missing" } });
    expect(response).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});

describe("/api/teams", () => {
  it("creates and lists teams, refusing duplicates and empty names", async () => {
    expect((await call(createTeam, { body: { name: "Core Platform" } })).status).toBe(201);
    expect((await call<ApiErrorBody>(createTeam, { body: { name: "core platform" } })).body.error.code).toBe("conflict");
    expect((await call<ApiErrorBody>(createTeam, { body: { name: " " } })).status).toBe(400);
    const { body } = await call<Array<{ slug: string }>>(listTeams);
    expect(body.map((team) => team.slug)).toEqual(["core-platform"]);
  });
});
