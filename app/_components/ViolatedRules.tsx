import Link from "next/link";
import type { JSX } from "react";
import type { ViolatedRuleDto } from "../_lib/dto";
import { formatScore } from "../_lib/format";
import type { CsvTable } from "./CsvButton";
import { GuideTags } from "./GuideTags";
import { TableHead } from "./TableHead";
import { TableFrame } from "./TableFrame";

/** A right-aligned number, labelled when the rows stack on a phone. */
function NumberCell({ label, value, className = "num" }: { label: string; value: string; className?: string }): JSX.Element {
  return (
    <td className={className} data-label={label}>
      {value}
    </td>
  );
}

function ViolatedRuleRow({ rule }: { rule: ViolatedRuleDto }): JSX.Element {
  return (
    <tr>
      <th scope="row">
        <Link href={`/rules#rule-${encodeURIComponent(rule.ruleId)}`} prefetch={false}>
          {rule.ruleId}
        </Link>{" "}
        <GuideTags tags={rule.guideTags ?? []} />
        <div className="muted small">{rule.section.title}</div>
      </th>
      <NumberCell label="findings" value={rule.findings.toLocaleString("en-GB")} />
      <NumberCell label="suppressed" value={rule.suppressed.toLocaleString("en-GB")} className="num muted" />
      <NumberCell label="repositories" value={String(rule.repositories)} />
      <NumberCell label="mean score" value={formatScore(rule.averageScore)} />
    </tr>
  );
}

function violatedRulesTable(rules: readonly ViolatedRuleDto[]): CsvTable {
  return {
    header: ["rule", "guide tags", "section", "findings", "suppressed", "repositories", "mean score"],
    rows: rules.map((rule) => [rule.ruleId, (rule.guideTags ?? []).join(" "), rule.section.title, rule.findings, rule.suppressed, rule.repositories, rule.averageScore]),
  };
}

/** The rules with the most counted findings over the team's latest snapshots; each links to its entry in the catalogue. */
export function ViolatedRules({ rules }: { rules: readonly ViolatedRuleDto[] }): JSX.Element {
  if (rules.length === 0) return <p className="empty">No findings in the team’s latest snapshots.</p>;
  return (
    <TableFrame download={{ filename: "heimdall-violated-rules.csv", what: "the most violated rules", table: violatedRulesTable(rules) }}>
      <table className="table stack" data-testid="violated-rules">
        <TableHead columns={["Rule", ...["Findings", "Suppressed", "Repos", "Mean score"].map((title) => ({ title, isNumeric: true }))]} />
        <tbody>
          {rules.map((rule) => (
            <ViolatedRuleRow key={rule.ruleId} rule={rule} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
