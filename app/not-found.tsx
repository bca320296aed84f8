import Link from "next/link";

export default function NotFound() {
  return (
    <section className="card">
      <h1>Not found</h1>
      <p>There is nothing here. It may have been deleted, or the link is mistyped.</p>
      <Link href="/">Back to the overview</Link>
    </section>
  );
}
