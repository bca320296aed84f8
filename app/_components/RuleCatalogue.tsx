"use client";
import { useState, type JSX } from "react";
import type { GuideSectionRefDto, RuleComplianceDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { CsvButton, type CsvTable } from "./CsvButton";
import { Delta } from "./Delta";
import { GuideTags } from "./GuideTags";
import { TableHead, type Column } from "./TableHead";

type Order = "section" | "weakest";

function ScoreMeter({ score }: { score: number | null }): JSX.Element {
  if (score === null) return <span className="muted">not judged</span>;
  return (
    <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={score} aria-label="mean score">
      <span className="bar-fill" style={{ width: `${score}%` }} />
    </span>
  );
}

/** The rule's id, tags, what it checks and how it scores (a disclosure). */
function RuleHeader({ rule }: { rule: RuleComplianceDto }): JSX.Element {
  return (
    <th scope="row">
      <strong>{rule.ruleId}</strong> <GuideTags tags={rule.guideTags} />
      {rule.known ? null : <span className="badge badge-queued">no longer run</span>}
      {rule.description ? <div className="muted small">{rule.description}</div> : null}
      {rule.scoring ? (
        <details className="small">
          <summary>How is this scored?</summary>
          {rule.scoring}
        </details>
      ) : null}
    </th>
  );
}

/** Repositories passing, of those the rule applies to, with the share and how many it does not apply to. */
function PassingCell({ repositories, passingScore }: { repositories: RuleComplianceDto["repositories"]; passingScore: number }): JSX.Element {
  const { judged, passing, notApplicable } = repositories;
  return (
    <td className="num" data-label="passing" data-testid="rule-passing" title={`Repositories scoring ${passingScore} or more, of those the rule applies to`}>
      {judged === 0 ? "—" : `${passing} of ${judged}`}
      {judged > 0 ? <div className="muted small">{Math.round((passing / judged) * 100)} %</div> : null}
      {notApplicable > 0 ? <div className="muted small">{notApplicable} n/a</div> : null}
    </td>
  );
}

function RuleRow({ rule, passingScore }: { rule: RuleComplianceDto; passingScore: number }): JSX.Element {
  return (
    <tr id={`rule-${rule.ruleId}`} className="rule-row" data-rule={rule.ruleId}>
      <RuleHeader rule={rule} />
      <td className="num" data-label="weight">
        {rule.weight}
      </td>
      <td className="score-cell" data-testid="rule-average">
        <ScoreMeter score={rule.averageScore} /> {formatScore(rule.averageScore)} <Delta value={rule.delta} />
      </td>
      <PassingCell repositories={rule.repositories} passingScore={passingScore} />
      <td className="num" data-label="findings">
        {rule.findings.toLocaleString("en-GB")}
        {rule.suppressed > 0 ? <div className="muted small">+{rule.suppressed.toLocaleString("en-GB")} suppressed</div> : null}
      </td>
    </tr>
  );
}

/** Rules in groups by guide section (the guide's order), or one list weakest first. */
function groups(rules: readonly RuleComplianceDto[], order: Order): Array<{ section: GuideSectionRefDto | null; rules: RuleComplianceDto[] }> {
  if (order === "weakest") return [{ section: null, rules: [...rules].sort((a, b) => (a.averageScore ?? 101) - (b.averageScore ?? 101) || a.ruleId.localeCompare(b.ruleId)) }];
  const bySection = new Map<string, { section: GuideSectionRefDto; rules: RuleComplianceDto[] }>();
  for (const rule of rules) {
    const group = bySection.get(rule.section.id) ?? { section: rule.section, rules: [] };
    group.rules.push(rule);
    bySection.set(rule.section.id, group);
  }
  return [...bySection.values()].sort((a, b) => a.section.number - b.section.number);
}

function OrderChoice({ order, setOrder }: { order: Order; setOrder: (order: Order) => void }): JSX.Element {
  return (
    <div className="inline-field">
      <label className="filter-label" htmlFor="rule-order">
        Order
      </label>
      <select id="rule-order" value={order} onChange={(event) => setOrder(event.target.value as Order)}>
        <option value="section">By guide section</option>
        <option value="weakest">Weakest first</option>
      </select>
    </div>
  );
}

/** The rules in the order on screen, as the CSV download holds them. */
function catalogueTable(rules: readonly RuleComplianceDto[], order: Order): CsvTable {
  return {
    header: ["rule", "guide tags", "section", "weight", "mean score", "change", "repositories judged", "passing", "not applicable", "findings", "suppressed"],
    rows: groups(rules, order).flatMap((group) => group.rules).map((rule) => [
      rule.ruleId, rule.guideTags.join(" "), rule.section.title, rule.weight, rule.averageScore, rule.delta,
      rule.repositories.judged, rule.repositories.passing, rule.repositories.notApplicable, rule.findings, rule.suppressed,
    ]),
  };
}

const COLUMNS: Column[] = [{ title: "Rule" }, { title: "Weight", isNumeric: true }, { title: "Mean score, change" }, { title: "Passing", isNumeric: true }, { title: "Findings", isNumeric: true }];

/** One group's rows: a heading row for its guide section (none for the single weakest-first list), then its rules. */
function RuleGroup({ section, rules, passingScore }: { section: GuideSectionRefDto | null; rules: readonly RuleComplianceDto[]; passingScore: number }): JSX.Element {
  return (
    <tbody>
      {section ? (
        <tr className="group-row">
          <th scope="rowgroup" colSpan={COLUMNS.length}>
            {section.number}. {section.title}
          </th>
        </tr>
      ) : null}
      {rules.map((rule) => (
        <RuleRow key={rule.ruleId} rule={rule} passingScore={passingScore} />
      ))}
    </tbody>
  );
}

/**
 * Every rule with its guide tags, weight, description and scoring, and its compliance over each repository's latest
 * snapshot: mean score and change over the period, repositories passing (at the floor of grade A or above), findings.
 */
export function RuleCatalogue({ rules, passingScore }: { rules: readonly RuleComplianceDto[]; passingScore: number }): JSX.Element {
  const [order, setOrder] = useState<Order>("section");
  return (
    <>
      <div className="table-tools spread">
        <OrderChoice order={order} setOrder={setOrder} />
        <CsvButton filename="heimdall-rules.csv" what="the rule catalogue" table={catalogueTable(rules, order)} />
      </div>
      <div className="table-scroll">
        <table className="table stack rule-catalogue" data-testid="rule-catalogue">
          <TableHead columns={COLUMNS} />
          {groups(rules, order).map((group) => (
            <RuleGroup key={group.section?.id ?? "all"} section={group.section} rules={group.rules} passingScore={passingScore} />
          ))}
        </table>
      </div>
    </>
  );
}
