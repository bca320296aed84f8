import type { JSX } from "react";

/**
 * Text with its `inline code` spans set in a code font (analyzer messages and READMEs use backticks). Every part stays
 * a React text node: nothing is parsed as HTML, so repository text shown this way is inert.
 */
export function InlineText({ text }: { text: string }): JSX.Element {
  return <>{text.split(/(`[^`]+`)/).map((part, index) => (index % 2 === 1 ? <code key={index}>{part.slice(1, -1)}</code> : part))}</>;
}
