import type { TooltipContentProps } from "recharts";

/** The props recharts hands a custom tooltip that the dashboard's tooltips read. */
export type TooltipProps = Pick<TooltipContentProps, "active" | "payload">;

/** The data row under the pointer while the tooltip is active; undefined when there is nothing to show. */
export function hoveredRow<T>({ active, payload }: TooltipProps): T | undefined {
  return active ? (payload?.[0]?.payload as T | undefined) : undefined;
}
