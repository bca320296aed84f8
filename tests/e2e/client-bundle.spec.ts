import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, E2E_DATA_DIR } from "./paths";

/** Every file under a folder, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)]));
}

// What the browser downloads (the build the e2e server runs) holds no secret of the server: not its configuration's
// names, not the database password or the encryption key this run generated, not the first admin's password.
test("the client bundles carry no server secret or configuration", () => {
  const secrets = {
    "a HEIMDALL_ variable": "HEIMDALL_",
    DATABASE_URL: "DATABASE_URL",
    "a PostgreSQL connection URL": "postgresql://",
    "the database password": readFileSync(path.join(E2E_DATA_DIR, "postgres.password"), "utf8").trim(),
    "the secret key": readFileSync(path.join(E2E_DATA_DIR, "secret.key"), "utf8").trim(),
    "the first admin's password": E2E_ADMIN_PASSWORD,
  };
  const files = filesUnder(path.resolve(".next/static")).filter((file) => /\.(js|css|json|txt|html)$/.test(file));
  expect(files.length).toBeGreaterThan(10);
  const found = files.flatMap((file) => {
    const text = readFileSync(file, "utf8");
    return Object.entries(secrets)
      .filter(([, value]) => value.length >= 8 && text.includes(value))
      .map(([name]) => `${name} in ${path.relative(".next/static", file)}`);
  });
  expect(found).toEqual([]);
});
