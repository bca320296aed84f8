import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "@/scripts/lib/admin-args";

const parse = (line: string) => parseCommand(line.split(" ").filter(Boolean));

describe("npm run admin arguments", () => {
  it.each([
    ["token create --team payments --scope scan,coverage", { command: "token create", team: "payments", scope: ["scan", "coverage"] }],
    ["token create --team payments --scope scan --scope gate --name deploy", { command: "token create", team: "payments", scope: ["scan", "gate"], name: "deploy" }],
    ["token create --admin --name automation", { command: "token create", admin: true, name: "automation" }],
    ["token list", { command: "token list" }],
    ["token revoke cm0abc", { command: "token revoke", id: "cm0abc" }],
    ["user create --email a@b.example --role lead --team payments --password-stdin", { command: "user create", email: "a@b.example", role: "lead", team: "payments", passwordStdin: true }],
    ["user list", { command: "user list" }],
  ])("reads %j", (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });

  it.each([
    ["", "no command given"],
    ["token", 'unknown command "token"'],
    ["tokens create", 'unknown command "tokens create"'],
    ["token create --team payments", "give --scope"],
    ["token create --scope scan", "give --team SLUG (or --admin for an admin token)"],
    ["token create --admin", "an admin token needs --name NAME"],
    ["token create --admin --name x --scope read", "leave --team and --scope out"],
    ["token list --team payments", "--team does not apply here"],
    ["token list extra", 'unexpected argument "extra"'],
    ["token revoke", "give the token's ID"],
    ["token revoke a b", 'unexpected argument "b"'],
    ["user create --email a@b.example", "give --role"],
    ["user create --email a@b.example --role lead --scope read", "--scope does not apply here"],
    ["user list --nope", "Unknown option '--nope'"],
    ["token create --team", "argument missing"],
  ])("refuses %j", (line, message) => {
    expect(() => parse(line)).toThrow(UsageError);
    expect(() => parse(line)).toThrow(message);
  });
});
