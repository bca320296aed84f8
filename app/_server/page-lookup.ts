import { notFound } from "next/navigation";
import { z } from "zod";
import { AppError } from "./errors";

/**
 * Runs the lookup a page needs before it renders (the repository, scan or finding its URL names). An unknown id — or
 * one so malformed that the service refuses it — renders the 404 page; anything else is a real failure and propagates.
 */
export async function findOrNotFound<T>(lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if ((error instanceof AppError && error.code === "not_found") || error instanceof z.ZodError) notFound();
    throw error;
  }
}
