// `npm run admin -- <command>`: API tokens and users from the server's shell, for automation and for when nobody can
// sign in yet.
//
//   token create --team SLUG --scope scan,coverage [--name NAME]   a team token for CI
//   token create --admin --name NAME                               an admin token for automation
//   token list | token revoke ID
//   user create --email E --role admin|lead|member|viewer [--team SLUG] [--name NAME] [--password-stdin]
//   user list
//
// A created token (or generated password) is the last line on stdout, so `| tail -n 1` captures it. Exit codes: 0 done,
// 1 failed (database unreachable…), 2 bad input. Everything done is audited as actor "cli". The database is
// DATABASE_URL, else the embedded one of HEIMDALL_DATA_DIR: the running `npm start`'s, or started here for the command.
import { parseCommand, UsageError, USAGE, type AdminCommand } from "./lib/admin-args";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let command: AdminCommand;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  // Logs are JSON on stdout; a command's own output should not drown in them (LOG_LEVEL still wins when set).
  process.env.LOG_LEVEL ??= "warn";
  const { runAdminCommand } = await import("./lib/admin-commands");
  return runAdminCommand(command);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
