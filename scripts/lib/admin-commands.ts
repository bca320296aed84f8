import { z } from "zod";
import type { Actor } from "../../app/_lib/permissions";
import { randomSecret } from "../../app/_server/auth/secrets";
import { disconnectDb } from "../../app/_server/db";
import { runningEmbeddedPostgresUrl } from "../../app/_server/embedded-postgres-url";
import { startEmbeddedPostgres } from "../../app/_server/embedded-postgres";
import { ConfigError, loadEnv } from "../../app/_server/env";
import { AppError } from "../../app/_server/errors";
import { migrateDatabase } from "../../app/_server/migrate";
import { createToken, listTokens, revokeToken } from "../../app/_server/services/api-token-admin";
import { createUser, listUsers } from "../../app/_server/services/users";
import type { AdminCommand } from "./admin-args";

/** Everything `npm run admin` does is done as the operator with shell access, and audited as such. */
const CLI: Actor = { kind: "cli" };

/** Runs one command of `npm run admin` and returns its exit code: 0 done, 2 refused (bad input), 1 failed. */
export async function runAdminCommand(command: AdminCommand): Promise<number> {
  let output: string[];
  try {
    const database = await openDatabase();
    try {
      output = await run(command);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (error instanceof AppError || error instanceof z.ZodError || error instanceof ConfigError) {
      process.stderr.write(`${describe(error)}\n`);
      return error instanceof AppError && error.status >= 500 ? 1 : 2;
    }
    throw error;
  }
  // Printed once the database is closed, so that nothing — not even a log line — follows a token.
  process.stdout.write(output.map((line) => `${line}\n`).join(""));
  return 0;
}

async function run(command: AdminCommand): Promise<string[]> {
  switch (command.command) {
    case "token create": {
      const team = command.team;
      const created = await createToken(CLI, { name: command.name ?? `${team} CI`, team, admin: command.admin ?? false, scopes: command.scope ?? [] });
      const what = created.admin ? "admin token" : `token for team ${created.team?.slug} with scopes ${created.scopes.join(", ")}`;
      return [`Created ${what}: "${created.name}" (id ${created.id}). Store it now; it is not shown again:`, created.token];
    }
    case "token list":
      return table(
        ["id", "name", "prefix", "team", "scopes", "created", "last used", "revoked"],
        (await listTokens(CLI)).map((token) => [token.id, token.name, `${token.prefix}…`, token.admin ? "(admin)" : (token.team?.slug ?? ""), token.scopes.join(","), day(token.createdAt), day(token.lastUsedAt), day(token.revokedAt)]),
      );
    case "token revoke":
      await revokeToken(CLI, command.id);
      return [`Revoked token ${command.id}; requests with it are refused from now on.`];
    case "user create": {
      const password = command.passwordStdin ? await readPasswordFromStdin() : randomSecret();
      const user = await createUser(CLI, { email: command.email, role: command.role, team: command.team, name: command.name, password });
      const created = `Created ${user.role} ${user.email}${user.team ? ` in team ${user.team.slug}` : ""} (id ${user.id}).`;
      if (command.passwordStdin) return [created];
      return [created, "Their first password (not shown again; they can change it after signing in):", password];
    }
    case "user list":
      return table(
        ["id", "email", "name", "role", "team", "created", "disabled"],
        (await listUsers(CLI)).map((user) => [user.id, user.email, user.name ?? "", user.role, user.team?.slug ?? "", day(user.createdAt), day(user.disabledAt)]),
      );
  }
}

/**
 * DATABASE_URL; else the embedded PostgreSQL of HEIMDALL_DATA_DIR: the one `npm start` is running, or one started here
 * (migrated first, as `npm start` does) and stopped afterwards.
 */
async function openDatabase(): Promise<{ close(): Promise<void> }> {
  const env = loadEnv();
  const running = env.DATABASE_URL ? null : runningEmbeddedPostgresUrl(env.HEIMDALL_DATA_DIR);
  if (env.DATABASE_URL || running) {
    if (running) process.env.DATABASE_URL = running;
    return { close: () => disconnectDb() };
  }
  const embedded = await startEmbeddedPostgres(env.HEIMDALL_DATA_DIR);
  process.env.DATABASE_URL = embedded.url;
  try {
    await migrateDatabase(embedded.url, process.cwd());
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return {
    close: async () => {
      await disconnectDb();
      await embedded.stop();
    },
  };
}

/** The whole of stdin, less the line break `echo` or a here-string adds. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Type the password, then press Enter and Ctrl-D:\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function describe(error: Error): string {
  if (error instanceof z.ZodError) return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
  return error.message;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}

/** Columns padded to their widest cell, for a terminal. */
function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["(none)"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd());
}
