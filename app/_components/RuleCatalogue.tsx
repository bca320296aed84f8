"use client";
import { useState, type JSX } from "react";
import type { GuideSectionRefDto, RuleComplianceDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { Delta } from "./Delta";
import { GuideTags } from "./GuideTags";

type Order = "section" | "weakest";

function ScoreMeter({ score }: { score: number | null }): JSX.Element {
  if (score === null) return <span className="muted">not judged</span>;
  return (
    <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={score} aria-label="mean score">
      <span className="bar-fill" style={{ width: `${score}%` }} />
    </span>
  );
}

function RuleRow({ rule, passingScore }: { rule: RuleComplianceDto; passingScore: number }): JSX.Element {
  const { judged, passing, notApplicable } = rule.repositories;
  return (
    <tr id={`rule-${rule.ruleId}`} className="rule-row" data-rule={rule.ruleId}>
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
      <td className="num" data-label="weight">{rule.weight}</td>
      <td className="score-cell" data-testid="rule-average">
        <ScoreMeter score={rule.averageScore} /> {formatScore(rule.averageScore)} <Delta value={rule.delta} />
      </td>
      <td className="num" data-label="passing" data-testid="rule-passing" title={`Repositories scoring ${passingScore} or more, of those the rule applies to`}>
        {judged === 0 ? "—" : `${passing} of ${judged}`}
        {judged > 0 ? <div className="muted small">{Math.round((passing / judged) * 100)} %</div> : null}
        {notApplicable > 0 ? <div className="muted small">{notApplicable} n/a</div> : null}
      </td>
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

/**
 * Every rule with its guide tags, weight, description and scoring, and its compliance over each repository's latest
 * snapshot: mean score and change over the period, repositories passing (at the floor of grade A or above), findings.
 */
export function RuleCatalogue({ rules, passingScore }: { rules: readonly RuleComplianceDto[]; passingScore: number }): JSX.Element {
  const [order, setOrder] = useState<Order>("section");
  return (
    <>
      <OrderChoice order={order} setOrder={setOrder} />
      <div className="table-scroll">
        <table className="table stack rule-catalogue" data-testid="rule-catalogue">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col" className="num">Weight</th>
              <th scope="col">Mean score, change</th>
              <th scope="col" className="num">Passing</th>
              <th scope="col" className="num">Findings</th>
            </tr>
          </thead>
          {groups(rules, order).map((group) => (
            <tbody key={group.section?.id ?? "all"}>
              {group.section ? (
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={5}>
                    {group.section.number}. {group.section.title}
                  </th>
                </tr>
              ) : null}
              {group.rules.map((rule) => (
                <RuleRow key={rule.ruleId} rule={rule} passingScore={passingScore} />
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}
