import { Loading } from "../../_components/LoadState";

/** Shown at once while a team's page is looked up on the server. */
export default function TeamLoading() {
  return <Loading what="the team" />;
}
