"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useTeamGate } from "../_hooks/useTeamGate";
import { useUpdateTeamGate, type QualityGateInput } from "../_hooks/useUpdateTeamGate";
import { useCan } from "../_hooks/useViewer";
import type { QualityGateDto } from "../_lib/dto";
import { ErrorAlert } from "./ErrorAlert";
import { SaveButton } from "./SaveButton";

/** The coverage rule's default layers (and "other": code outside every layer folder), offered whether set or not. */
const DEFAULT_LAYERS = ["domain", "application", "infrastructure", "presentation", "other"];

/** A gate's conditions in words, one line each. */
function describeGate(gate: QualityGateDto): string[] {
  const layers = Object.entries(gate.coverageByLayer);
  return [
    gate.minScore === null ? "No minimum score." : `Score at least ${gate.minScore}.`,
    gate.noNewErrors ? "No new findings of severity error since the previous snapshot." : "New errors do not fail the gate.",
    layers.length === 0 ? "No coverage condition." : `Line coverage at least ${layers.map(([layer, percent]) => `${percent}% in ${layer}`).join(", ")} (a measured report is needed).`,
    gate.scoreDropAlert === null ? "No score-drop alert." : `Webhooks alert when the score drops by more than ${gate.scoreDropAlert} points.`,
  ];
}

/** A number field's text as the API wants it: blank is "no condition" (null). */
const numberOrNull = (text: string): number | null => (text.trim() === "" ? null : Number(text));
const fieldText = (value: number | null | undefined): string => (value === null || value === undefined ? "" : String(value));

function useGateForm(slug: string, gate: QualityGateDto) {
  const update = useUpdateTeamGate(slug);
  const [minScore, setMinScore] = useState(fieldText(gate.minScore));
  const [noNewErrors, setNoNewErrors] = useState(gate.noNewErrors);
  const [scoreDropAlert, setScoreDropAlert] = useState(fieldText(gate.scoreDropAlert));
  const layerNames = [...new Set([...DEFAULT_LAYERS, ...Object.keys(gate.coverageByLayer)])];
  const [layers, setLayers] = useState<Record<string, string>>(Object.fromEntries(layerNames.map((layer) => [layer, fieldText(gate.coverageByLayer[layer])])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const coverageByLayer = Object.fromEntries(Object.entries(layers).flatMap(([layer, text]) => (text.trim() === "" ? [] : [[layer, Number(text)]])));
    const input: QualityGateInput = { minScore: numberOrNull(minScore), noNewErrors, coverageByLayer, scoreDropAlert: numberOrNull(scoreDropAlert) };
    update.mutate(input);
  };
  return { update, submit, minScore, setMinScore, noNewErrors, setNoNewErrors, scoreDropAlert, setScoreDropAlert, layers, setLayer: (layer: string, text: string) => setLayers({ ...layers, [layer]: text }) };
}

function GateForm({ slug, gate }: { slug: string; gate: QualityGateDto }): JSX.Element {
  const form = useGateForm(slug, gate);
  return (
    <form className="form" onSubmit={form.submit} aria-label="Edit the quality gate">
      <label>
        Minimum score (blank: none)
        <input type="number" name="minScore" min={0} max={100} step={0.1} value={form.minScore} onChange={(event) => form.setMinScore(event.target.value)} />
      </label>
      <label className="choice">
        <input type="checkbox" name="noNewErrors" checked={form.noNewErrors} onChange={(event) => form.setNoNewErrors(event.target.checked)} />
        Fail on new findings of severity error
      </label>
      <fieldset className="gate-layers">
        <legend>Least line coverage per layer, % (blank: no condition)</legend>
        {Object.entries(form.layers).map(([layer, text]) => (
          <label key={layer}>
            {layer}
            <input type="number" name={`coverage.${layer}`} min={0} max={100} step={1} value={text} onChange={(event) => form.setLayer(layer, event.target.value)} />
          </label>
        ))}
      </fieldset>
      <label>
        Score-drop alert: points (blank: never)
        <input type="number" name="scoreDropAlert" min={0.1} max={100} step={0.1} value={form.scoreDropAlert} onChange={(event) => form.setScoreDropAlert(event.target.value)} />
      </label>
      <ErrorAlert error={form.update.error} />
      <div className="form-actions">
        <SaveButton pending={form.update.isPending}>Save gate</SaveButton>
        {form.update.isSuccess ? <span role="status" className="muted small">Saved.</span> : null}
      </div>
    </form>
  );
}

/**
 * The team's quality gate: what a snapshot must meet to pass (the verdict CI asks for at
 * `GET /api/repositories/:id/gate?commit=…`) and when webhooks alert on a score drop. Everyone reads it; the team's
 * lead and admins change it.
 */
export function QualityGatePanel({ slug }: { slug: string }): JSX.Element {
  const gate = useTeamGate(slug);
  const canManage = useCan("gates:manage", slug);
  if (gate.isPending) return <p className="muted">Loading the quality gate…</p>;
  if (gate.error) return <p className="error-text" role="alert">Could not load the quality gate: {gate.error.message}</p>;
  return (
    <div data-testid="quality-gate">
      <ul className="gate-conditions">
        {describeGate(gate.data).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {gate.data.updatedAt === null ? <p className="muted small">The defaults: nobody has set this team&apos;s gate yet.</p> : null}
      {canManage ? (
        <details className="gate-edit">
          <summary>Change the gate</summary>
          <GateForm slug={slug} gate={gate.data} />
        </details>
      ) : null}
    </div>
  );
}
