"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useCreateWebhook } from "../_hooks/useCreateWebhook";
import { useDeleteWebhook } from "../_hooks/useDeleteWebhook";
import { useWebhooks } from "../_hooks/useWebhooks";
import { useCan } from "../_hooks/useViewer";
import type { CreatedWebhookDto, WebhookDto, WebhookEventDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import { ErrorAlert } from "./ErrorAlert";
import { SaveButton } from "./SaveButton";

const EVENTS: ReadonlyArray<{ event: WebhookEventDto; words: string }> = [
  { event: "gate.failed", words: "a new snapshot fails the team's quality gate" },
  { event: "score.dropped", words: "a snapshot's score drops by more than the gate's alert" },
];

/** How the last delivery went, in a few words. */
function lastDeliveryText(webhook: WebhookDto): string {
  const last = webhook.lastDelivery;
  if (!last) return "Nothing sent yet.";
  if (last.deliveredAt) return `Last ${last.event}: delivered ${formatDate(last.deliveredAt)} (${last.status ?? "?"}).`;
  const tries = last.attempts === 1 ? "1 attempt" : `${last.attempts} attempts`;
  return `Last ${last.event}: not delivered after ${tries}${last.error ? ` — ${last.error}` : ""}.`;
}

function WebhookRow({ webhook, team }: { webhook: WebhookDto; team: string }): JSX.Element {
  const remove = useDeleteWebhook(team);
  const [isConfirming, setConfirming] = useState(false);
  return (
    <li className="webhook" data-testid="webhook">
      <code className="break">{webhook.url}</code>
      <div className="muted small">
        {webhook.events.join(", ")} · {lastDeliveryText(webhook)}
      </div>
      <ErrorAlert error={remove.error} />
      {isConfirming ? (
        <div className="form-actions confirm">
          <span className="small">Delete this webhook and its delivery history?</span>
          <button type="button" className="danger small-button" onClick={() => remove.mutate(webhook.id)} disabled={remove.isPending}>
            Delete
          </button>
          <button type="button" className="secondary small-button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="secondary danger-outline small-button" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      )}
    </li>
  );
}

/** The signing secret of a webhook just added, shown this once, with how a receiver checks a delivery. */
function CreatedSecret({ webhook, onDone }: { webhook: CreatedWebhookDto; onDone: () => void }): JSX.Element {
  return (
    <div className="notice token-created" data-testid="webhook-secret">
      <p className="warn-text" role="alert">
        <strong>Copy the signing secret now: it is shown only this once.</strong>
      </p>
      <div className="token-secret">
        <label className="visually-hidden" htmlFor="webhook-secret-value">
          The webhook&apos;s signing secret
        </label>
        <input id="webhook-secret-value" readOnly value={webhook.secret} spellCheck={false} autoComplete="off" onFocus={(event) => event.currentTarget.select()} />
      </div>
      <p className="muted small">
        Each delivery carries <code>X-Heimdall-Signature: sha256=…</code>, the HMAC-SHA256 of the raw body with this secret: recompute it and compare before trusting the body.
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}

function AddWebhook({ team, onCreated }: { team: string; onCreated: (webhook: CreatedWebhookDto) => void }): JSX.Element {
  const create = useCreateWebhook(team);
  const [events, setEvents] = useState<WebhookEventDto[]>(["gate.failed"]);
  const toggle = (event: WebhookEventDto) => setEvents(events.includes(event) ? events.filter((candidate) => candidate !== event) : [...events, event]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const done = (created: CreatedWebhookDto) => {
      form.reset();
      onCreated(created);
    };
    create.mutate({ url: String(new FormData(form).get("url") ?? ""), events }, { onSuccess: done });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Add a webhook">
      <label>
        Receiver URL (https)
        <input type="url" name="url" required placeholder="https://hooks.example.com/heimdall" spellCheck={false} autoComplete="off" />
      </label>
      <fieldset className="choices">
        <legend>Send when</legend>
        {EVENTS.map(({ event, words }) => (
          <label className="choice" key={event}>
            <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} />
            <span>
              <code>{event}</code> <span className="muted small">{words}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={create.error} />
      <div className="form-actions">
        <SaveButton pending={create.isPending}>Add webhook</SaveButton>
      </div>
    </form>
  );
}

/**
 * The team's webhooks — signed POSTs when a new snapshot fails the gate or its score drops — with how their last
 * delivery went, a form to add one (its secret shown once) and delete. Only for those who manage the team's webhooks.
 */
export function WebhooksPanel({ slug }: { slug: string }): JSX.Element | null {
  const canManage = useCan("webhooks:manage", slug);
  const webhooks = useWebhooks(slug, canManage);
  const [created, setCreated] = useState<CreatedWebhookDto | null>(null);
  if (!canManage) return <p className="muted small">The team&apos;s lead and admins manage its webhooks.</p>;
  if (webhooks.isPending) return <p className="muted">Loading webhooks…</p>;
  if (webhooks.error) return <p className="error-text" role="alert">Could not load the webhooks: {webhooks.error.message}</p>;
  return (
    <div data-testid="webhooks">
      {webhooks.data.length === 0 ? (
        <p className="empty">No webhooks yet.</p>
      ) : (
        <ul className="webhook-list">
          {webhooks.data.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} team={slug} />
          ))}
        </ul>
      )}
      {created ? <CreatedSecret webhook={created} onDone={() => setCreated(null)} /> : <AddWebhook team={slug} onCreated={setCreated} />}
    </div>
  );
}
