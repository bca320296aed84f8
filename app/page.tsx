import { RegisterRepositoryForm } from "./_components/RegisterRepositoryForm";
import { RepositoryList } from "./_components/RepositoryList";

export default function HomePage() {
  return (
    <>
      <header className="page-header">
        <h1>Repositories</h1>
      </header>
      <section className="card">
        <RepositoryList />
      </section>
      <RegisterRepositoryForm />
    </>
  );
}
