import Link from "next/link";
import type { JSX } from "react";
import type { ViolatedRuleDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import { GuideTags } from "./GuideTags";

/** The rules with the most counted findings over the team's latest snapshots; each links to its entry in the catalogue. */
export function ViolatedRules({ rules }: { rules: readonly ViolatedRuleDto[] }): JSX.Element {
  if (rules.length === 0) return <p className="empty">No findings in the team’s latest snapshots.</p>;
  return (
    <div className="table-scroll">
      <table className="table stack" data-testid="violated-rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col" className="num">Findings</th>
            <th scope="col" className="num">Suppressed</th>
            <th scope="col" className="num">Repos</th>
            <th scope="col" className="num">Mean score</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.ruleId}>
              <th scope="row">
                <Link href={`/rules#rule-${encodeURIComponent(rule.ruleId)}`} prefetch={false}>{rule.ruleId}</Link> <GuideTags tags={rule.guideTags ?? []} />
                <div className="muted small">{rule.section.title}</div>
              </th>
              <td className="num" data-label="findings">{rule.findings.toLocaleString("en-GB")}</td>
              <td className="num muted" data-label="suppressed">{rule.suppressed.toLocaleString("en-GB")}</td>
              <td className="num" data-label="repositories">{rule.repositories}</td>
              <td className="num" data-label="mean score">{formatScore(rule.averageScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
