import { redirect } from "next/navigation";

/** `/admin`: its first page. */
export default function AdminPage() {
  redirect("/admin/users");
}
