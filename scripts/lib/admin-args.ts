// The command line of `npm run admin` (scripts/admin.ts): parsed and checked before anything touches the database.
import { parseArgs } from "node:util";
import { z } from "zod";

export const USAGE = `Usage: npm run admin -- <command>
  token create --team SLUG --scope SCOPE[,SCOPE…] [--name NAME]   scopes: read, scan, coverage, gate
  token create --admin --name NAME
  token list
  token revoke ID
  user create --email EMAIL --role admin|lead|member|viewer [--team SLUG] [--name NAME] [--password-stdin]
  user list`;

const OPTIONS = {
  team: { type: "string" },
  scope: { type: "string", multiple: true },
  name: { type: "string" },
  admin: { type: "boolean" },
  email: { type: "string" },
  role: { type: "string" },
  "password-stdin": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const text = (option: string) => z.string({ error: `give ${option}` }).trim().min(1, `${option} must not be empty`);
const strict = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? `${issue.keys.map(optionName).join(", ")} does not apply here` : undefined) });

const COMMANDS = {
  "token create": strict({
    admin: z.boolean().optional(),
    team: text("--team SLUG").optional(),
    scope: z.array(z.string()).optional(),
    name: text("--name NAME").optional(),
  }).superRefine((input, context) => {
    const problem = (message: string) => context.addIssue({ code: "custom", message });
    if (input.admin) {
      if (!input.name) problem("an admin token needs --name NAME");
      if (input.team !== undefined || input.scope !== undefined) problem("an admin token acts for every team with every permission: leave --team and --scope out");
    } else {
      if (input.team === undefined) problem("give --team SLUG (or --admin for an admin token)");
      if (!input.scope?.length) problem("give --scope, e.g. --scope scan,coverage (scopes: read, scan, coverage, gate)");
    }
  }),
  "token list": strict({}),
  "token revoke": strict({ id: text("the token's ID") }),
  "user create": strict({
    email: text("--email EMAIL"),
    role: text("--role admin|lead|member|viewer"),
    team: text("--team SLUG").optional(),
    name: text("--name NAME").optional(),
    passwordStdin: z.boolean().optional(),
  }),
  "user list": strict({}),
};

type Commands = typeof COMMANDS;
export type AdminCommand = { [Name in keyof Commands]: { command: Name } & z.infer<Commands[Name]> }[keyof Commands];

/** Bad input: printed with the usage, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

function readArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The command and its options from argv (after `npm run admin --`); throws UsageError on bad input. */
export function parseCommand(argv: string[]): AdminCommand {
  const { values, positionals } = readArgv(argv);
  const [group, action, id, ...extra] = positionals;
  const command = [group, action].filter(Boolean).join(" ");
  if (!group) throw new UsageError("no command given");
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
  const name = command as keyof Commands;
  if (extra.length > 0 || (id !== undefined && name !== "token revoke")) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0] ?? id)}`);
  const { "password-stdin": passwordStdin, scope, ...rest } = values;
  const scopes = scope?.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  const input = Object.fromEntries(Object.entries({ ...rest, id, passwordStdin, scope: scopes }).filter(([, value]) => value !== undefined));
  const result = COMMANDS[name].safeParse(input);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join("; "));
  return { command: name, ...result.data } as AdminCommand;
}

function optionName(key: string): string {
  if (key === "id") return "an ID";
  if (key === "passwordStdin") return "--password-stdin";
  return `--${key}`;
}
