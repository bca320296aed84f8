import { authorizeRepository } from "../../../../_server/auth/resources";
import { AppError } from "../../../../_server/errors";
import { handleAuthedWithId } from "../../../../_server/http";
import { ACCEPTED_COVERAGE_FORMATS, coverageTarget, MAX_COVERAGE_BYTES, storeCoverageReport } from "../../../../_server/services/coverage";

export const dynamic = "force-dynamic";

/**
 * CI uploads the coverage report of a commit as the raw request body: `?commit=<sha>[&name=<folder>]`. The next scan of
 * that commit hands it to the coverage rule. 201 with what was stored. coverage:upload on the repository's team.
 */
export const POST = handleAuthedWithId(async (actor, id, request) => {
  await authorizeRepository(actor, "coverage:upload", id);
  const target = await coverageTarget(id, new URL(request.url).searchParams);
  refuseForms(request.headers.get("content-type"));
  const content = decodeUtf8(await readCapped(request, MAX_COVERAGE_BYTES));
  const upload = await storeCoverageReport(target, content);
  return Response.json(upload, { status: 201 });
});

/** Multipart and form bodies wrap the report in an envelope; the API takes the report itself. */
function refuseForms(contentType: string | null): void {
  if (/^\s*(?:multipart\/|application\/x-www-form-urlencoded)/i.test(contentType ?? "")) {
    throw new AppError("unsupported_media_type", `Send the report itself as the raw request body (content-type text/plain, application/xml or application/json), not as a form: ${ACCEPTED_COVERAGE_FORMATS}.`);
  }
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The coverage report is larger than ${MAX_COVERAGE_BYTES / 1024 / 1024} MB; upload a smaller report (e.g. one per package, each with its own name).`);
}

/** Reads the body, refusing it as soon as it passes `maxBytes` (a declared Content-Length over it is refused unread). */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

function decodeUtf8(body: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("invalid_report", `The request body is not UTF-8 text. Send ${ACCEPTED_COVERAGE_FORMATS} as the raw request body.`);
  }
}
