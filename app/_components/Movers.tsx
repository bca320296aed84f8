import Link from "next/link";
import type { JSX } from "react";
import type { MoverDto } from "../_lib/dto";
import { repositoryHref } from "../_lib/filters";
import { formatScore } from "../_lib/format";
import { Delta } from "./Delta";

function MoverItem({ mover }: { mover: MoverDto }): JSX.Element {
  return (
    <li>
      <div className="mover-row">
        <span className="mover-name">
          <Link href={repositoryHref(mover.id)} prefetch={false}>
            {mover.name}
          </Link>{" "}
          <span className="muted small">{mover.team.name}</span>
        </span>
        <span className="mover-scores">
          <span className="muted small">
            {formatScore(mover.previousScore)} → {formatScore(mover.score)}
          </span>{" "}
          <Delta value={mover.delta} />
        </span>
      </div>
    </li>
  );
}

function MoverList({ title, movers, testId }: { title: string; movers: readonly MoverDto[]; testId: string }): JSX.Element {
  return (
    <div>
      <h3>{title}</h3>
      {movers.length === 0 ? (
        <p className="empty small">None in this period.</p>
      ) : (
        <ol className="mover-list" data-testid={testId}>
          {movers.map((mover) => (
            <MoverItem key={mover.id} mover={mover} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** The repositories whose score rose most and fell most between the period's first week and now. */
export function Movers({ up, down }: { up: readonly MoverDto[]; down: readonly MoverDto[] }): JSX.Element {
  return (
    <div className="movers">
      <MoverList title="Improved most" movers={up} testId="movers-up" />
      <MoverList title="Declined most" movers={down} testId="movers-down" />
    </div>
  );
}
