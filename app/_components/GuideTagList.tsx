import Link from "next/link";
import type { JSX } from "react";
import type { RulesDto } from "../_lib/dto";

type Tag = RulesDto["tags"][number];

/** The rules that check a tag, each a link to its row; or why code cannot show it. */
function TagRules({ tag }: { tag: Tag }): JSX.Element {
  if (tag.rules.length === 0) return <span className="muted small">— not checkable: {tag.notCheckable ?? "no rule yet"}</span>;
  return (
    <span className="small">
      —{" "}
      {tag.rules.map((rule, index) => (
        <span key={rule}>
          {index > 0 ? ", " : ""}
          <Link href={`#rule-${encodeURIComponent(rule)}`}>{rule}</Link>
        </span>
      ))}
    </span>
  );
}

/** Every tag of the guide with the rules that check it, or why code cannot show it. */
export function GuideTagList({ tags }: { tags: RulesDto["tags"] }): JSX.Element {
  const checked = tags.filter((tag) => tag.rules.length > 0).length;
  return (
    <>
      <p className="muted small">
        {checked} of {tags.length} tags are checked by a rule; the others are listed with the reason code cannot show them.
      </p>
      <ul className="tag-list" data-testid="guide-tags">
        {tags.map((tag) => (
          <li key={tag.tag}>
            <code>[{tag.tag}]</code> {tag.title} <TagRules tag={tag} />
          </li>
        ))}
      </ul>
    </>
  );
}
