import { z } from "zod";
import { authenticate } from "./auth/authenticate";
import type { Actor } from "../_lib/permissions";
import { AppError } from "./errors";
import { logger } from "./logger";

export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Turns any thrown value into the API's error body: AppError keeps its code and status, validation errors become a 400
 * listing each problem, and anything else is logged and answered with a generic 500 that reveals nothing.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message } } satisfies ErrorBody, { status: error.status });
  }
  if (error instanceof z.ZodError) {
    const message = error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
    return Response.json({ error: { code: "invalid_request", message } } satisfies ErrorBody, { status: 400 });
  }
  logger.error({ err: error }, "request failed");
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side; it has been logged." } } satisfies ErrorBody, { status: 500 });
}

/** Wraps a route handler so that every failure is answered with `{ error: { code, message } }` and no internals. */
export function handle<Context>(handler: (request: Request, context: Context) => Promise<Response>): (request: Request, context: Context) => Promise<Response> {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body; a missing or malformed body is a 400, never a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
}

type IdContext = { params: Promise<{ id: string }> };

/** A handler for a route with an `[id]` segment: receives the id, already awaited. */
export function handleWithId(handler: (id: string, request: Request) => Promise<Response>): (request: Request, context: IdContext) => Promise<Response> {
  return handle(async (request: Request, { params }: IdContext) => handler((await params).id, request));
}

/**
 * Wraps a route handler that needs a caller: authenticates the request (401 without valid credentials, 403 on a failed
 * CSRF check) and hands the actor to the handler, which authorizes what it does with it (see auth/resources.ts). Every
 * answer is marked `Cache-Control: no-store`.
 */
export function handleAuthed<Context>(handler: (actor: Actor, request: Request, context: Context) => Promise<Response>): (request: Request, context: Context) => Promise<Response> {
  const authenticated = handle(async (request: Request, context: Context) => handler(await authenticate(request), request, context));
  return async (request: Request, context: Context): Promise<Response> => privateAnswer(await authenticated(request, context));
}

/** An answer that carries a caller's data, or says why they may not have it: no browser or proxy may store it. */
function privateAnswer(response: Response): Response {
  response.headers.set("cache-control", "no-store");
  return response;
}

/** `handleAuthed` for a route with an `[id]` segment. */
export function handleAuthedWithId(handler: (actor: Actor, id: string, request: Request) => Promise<Response>): (request: Request, context: IdContext) => Promise<Response> {
  return handleAuthed(async (actor: Actor, request: Request, { params }: IdContext) => handler(actor, (await params).id, request));
}
