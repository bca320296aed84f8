// The internal module app/_server/queue/pg-boss-outage.ts wraps; only the two methods it touches are typed.
declare module "pg-boss/src/manager" {
  type Completion = (...args: unknown[]) => Promise<unknown>;
  const Manager: { prototype: { complete: Completion; fail: Completion } };
  export default Manager;
}
