"use client";
import Link from "next/link";
import type { JSX } from "react";
import { useFindingFilters } from "../_hooks/useFindingFilters";
import { useFindings } from "../_hooks/useFindings";
import { useRepository } from "../_hooks/useRepository";
import { ApiError } from "../_lib/api-client";
import type { FindingsPageDto } from "../_lib/dto";
import { CLEARED_FILTERS, findingFiltersQuery, hasNarrowingFilters, type FindingFilters } from "../_lib/finding-filters";
import { formatDate } from "../_lib/format";
import { FindingFiltersForm } from "./FindingFiltersForm";
import { FindingList, FindingsPager } from "./FindingList";
import { RepositoryNav } from "./RepositoryNav";

type Update = ReturnType<typeof useFindingFilters>[1];

/** Which snapshot is explored, and a way back to the latest when it is an earlier one. */
function SnapshotLine({ page, filters, update }: { page: FindingsPageDto | undefined; filters: FindingFilters; update: Update }): JSX.Element | null {
  if (!page) return null;
  return (
    <p className="muted small" data-testid="findings-snapshot">
      {filters.snapshot ? "An earlier snapshot" : "Latest snapshot"}, {formatDate(page.snapshot.at)}
      {filters.snapshot ? (
        <>
          {" · "}
          <button type="button" className="link-button" onClick={() => update({ snapshot: null })}>
            Show the latest snapshot
          </button>
        </>
      ) : null}
    </p>
  );
}

/** "Showing 26–50 of 48 findings", announced when it changes. */
function ResultCount({ page }: { page: FindingsPageDto }): JSX.Element {
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);
  const noun = page.total === 1 ? "finding" : "findings";
  return (
    <p className="result-count" aria-live="polite" data-testid="findings-count">
      {page.total === 0 ? `No ${noun}` : `Showing ${first}–${last} of ${page.total} ${noun}`}
    </p>
  );
}

/** Nothing to list: because of the filters (offer to clear them), past the last page, or a clean snapshot. */
function EmptyResults({ page, filters, update }: { page: FindingsPageDto; filters: FindingFilters; update: Update }): JSX.Element {
  if (page.page > 1 && page.total > 0) {
    return (
      <p className="empty">
        This page is past the last one. <button type="button" className="link-button" onClick={() => update({ page: 1 })}>Go to the first page</button>
      </p>
    );
  }
  if (hasNarrowingFilters(filters)) {
    return (
      <p className="empty">
        No findings match these filters.{" "}
        <button type="button" className="link-button" onClick={() => update(CLEARED_FILTERS)}>
          Clear the filters
        </button>
      </p>
    );
  }
  return <p className="empty">This snapshot has no findings: every rule passes.</p>;
}

/** The findings could not be loaded (and none are on screen): the server's reason, and a way to try again. */
function LoadError({ error, retry }: { error: Error; retry: () => void }): JSX.Element {
  return (
    <div role="alert">
      <p className="error-text">Could not load the findings: {error.message}</p>
      <button type="button" className="secondary" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** The CSV export stops at this many rows (services/findings-csv.ts); the link says so when the list is longer. */
const CSV_ROW_LIMIT = 50_000;

/**
 * Downloads of what is explored: every finding the filters select, all pages, as CSV (the same query the list asks
 * the API), and the whole snapshot as SARIF for code-scanning tools. Plain links: the browser sends the session.
 */
function ExportLinks({ repositoryId, filters, page }: { repositoryId: string; filters: FindingFilters; page: FindingsPageDto }): JSX.Element {
  const query = findingFiltersQuery(filters);
  query.delete("page");
  const csvHref = `/api/repositories/${encodeURIComponent(repositoryId)}/findings.csv${query.size > 0 ? `?${query.toString()}` : ""}`;
  const rows = page.total > CSV_ROW_LIMIT ? `the first ${CSV_ROW_LIMIT.toLocaleString("en-GB")} of ${page.total.toLocaleString("en-GB")}` : page.total.toLocaleString("en-GB");
  return (
    <div className="table-tools" data-testid="findings-exports">
      <a className="button secondary small-link" href={csvHref} download>
        Download CSV ({rows} {page.total === 1 ? "finding" : "findings"})
      </a>
      <a className="button secondary small-link" href={`/api/scans/${encodeURIComponent(page.snapshot.scanId)}/sarif`} download>
        Download SARIF of the snapshot
      </a>
    </div>
  );
}

/** A finding's detail page, with the explorer's filters along so that its breadcrumb leads back to the same list. */
const detailHrefFor = (repositoryId: string, filters: FindingFilters) => {
  const query = findingFiltersQuery(filters).toString();
  return (finding: { id: string }) => `/repositories/${encodeURIComponent(repositoryId)}/findings/${encodeURIComponent(finding.id)}${query ? `?${query}` : ""}`;
};

function Results({ repositoryId, filters, update, findings }: { repositoryId: string; filters: FindingFilters; update: Update; findings: ReturnType<typeof useFindings> }): JSX.Element {
  if (findings.isPending) return <p className="muted" aria-busy="true">Loading findings…</p>;
  if (findings.error && !findings.data) return <LoadError error={findings.error} retry={() => void findings.refetch()} />;
  const page = findings.data;
  const detailHref = detailHrefFor(repositoryId, filters);
  return (
    <section className={`card${findings.isPlaceholderData ? " is-stale" : ""}`} aria-labelledby="findings-heading" aria-busy={findings.isFetching}>
      <h2 id="findings-heading" className="visually-hidden">
        Findings
      </h2>
      <div className="section-header">
        <ResultCount page={page} />
        {page.total > 0 ? <ExportLinks repositoryId={repositoryId} filters={filters} page={page} /> : null}
      </div>
      {page.items.length === 0 ? <EmptyResults page={page} filters={filters} update={update} /> : <FindingList items={page.items} detailHref={detailHref} />}
      <FindingsPager page={page} onPage={(next) => update({ page: next })} />
    </section>
  );
}

/** The page's title under a link back to the repository, with its sub-navigation. */
function FindingsHeader({ repositoryId, children }: { repositoryId: string; children: JSX.Element }): JSX.Element {
  const repository = useRepository(repositoryId);
  return (
    <>
      <header className="page-header">
        <div className="title-block">
          <p className="breadcrumb small">
            <Link href={`/repositories/${encodeURIComponent(repositoryId)}`}>{repository.data?.name ?? "Repository"}</Link>
          </p>
          <h1>Findings</h1>
          {children}
        </div>
      </header>
      <RepositoryNav repositoryId={repositoryId} current="findings" />
    </>
  );
}

/** A repository without any snapshot: nothing to explore yet, and where to start one. */
function NoSnapshot({ repositoryId }: { repositoryId: string }): JSX.Element {
  return (
    <section className="card">
      <p className="empty">No snapshot yet, so no findings.</p>
      <p>
        <Link href={`/repositories/${encodeURIComponent(repositoryId)}`}>Go to the repository</Link> and press “Scan now”.
      </p>
    </section>
  );
}

/**
 * The findings explorer of a repository: filters (rule, guide tag, severity, path, suppressed, new or fixed since the
 * previous snapshot) that live in the URL, server-side sorting and paging, and a list whose entries open each
 * finding's detail. Loading, error and empty states say what is going on and what to do.
 */
export function FindingsView({ repositoryId }: { repositoryId: string }): JSX.Element {
  const [filters, update] = useFindingFilters();
  const findings = useFindings(repositoryId, filters);
  const noSnapshot = findings.error instanceof ApiError && findings.error.status === 404 && !filters.snapshot;
  return (
    <>
      <FindingsHeader repositoryId={repositoryId}>
        <SnapshotLine page={findings.data} filters={filters} update={update} />
      </FindingsHeader>
      {noSnapshot ? (
        <NoSnapshot repositoryId={repositoryId} />
      ) : (
        <>
          <FindingFiltersForm filters={filters} update={update} page={findings.data} />
          <Results repositoryId={repositoryId} filters={filters} update={update} findings={findings} />
        </>
      )}
    </>
  );
}
