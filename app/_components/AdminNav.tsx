import type { JSX } from "react";
import { SectionNav } from "./SectionNav";

const ADMIN_PAGES = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/settings/tokens", label: "API tokens" },
] as const;

/** The admin pages' heading and tabs: users, the audit log, and every API token (which live under settings). */
export function AdminHeader(): JSX.Element {
  return (
    <>
      <header className="page-header">
        <h1>Admin</h1>
      </header>
      <SectionNav label="Admin" pages={ADMIN_PAGES} />
    </>
  );
}
