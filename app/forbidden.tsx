import { NotAllowed } from "./_components/NotAllowed";

/** What `forbidden()` renders, with status 403: a page whose data the signed-in user's role does not open. */
export default function Forbidden() {
  return <NotAllowed />;
}
