import { z } from "zod";
import { defineAnalyzer } from "../../core/analyzer";
import type { FindingDraft } from "../../core/finding";
import { DEFAULT_LAYER_FOLDERS, layerFinder } from "../../core/layers";
import { complianceRatioScore } from "../../core/scoring";
import { findImports } from "../../source/imports";
import { isTestFile } from "../../source/roles";

/** Packages that tie code to one database or storage engine. */
const DATABASE_PACKAGES = [
  "@prisma/client", "prisma", "typeorm", "sequelize", "sequelize-typescript", "mongoose", "mongodb", "pg", "pg-promise",
  "postgres", "mysql", "mysql2", "sqlite3", "better-sqlite3", "knex", "drizzle-orm", "kysely", "@mikro-orm/core",
  "objection", "redis", "ioredis", "@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@google-cloud/firestore",
  "firebase-admin", "@supabase/supabase-js", "cassandra-driver", "neo4j-driver", "oracledb", "mssql", "tedious",
];
/** Packages that tie code to one user interface or web framework. */
const INTERFACE_PACKAGES = [
  "react", "react-dom", "next", "vue", "svelte", "@angular/core", "@angular/common", "solid-js", "preact", "express",
  "fastify", "koa", "hono", "@hapi/hapi", "restify", "@nestjs/common", "@nestjs/core", "electron", "react-native",
];

const options = z.strictObject({
  /** Folder names of the layers that must not depend on a database or an interface (the guide's core and application). */
  innerFolders: z.array(z.string().min(1)).default([...DEFAULT_LAYER_FOLDERS.domain, ...DEFAULT_LAYER_FOLDERS.application]),
  /** Extra packages (or prefixes ending in "/") counted as database or interface frameworks. */
  extraPackages: z.array(z.string().min(1)).default([]),
});

interface ExternalImport {
  specifier: string;
  line: number;
}

/** `next/server` → `next`, `@angular/core/testing` → `@angular/core`; relative and absolute paths are not packages. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? null);
}

function frameworkKind(specifier: string, extra: readonly string[]): "database" | "interface" | null {
  const name = packageOf(specifier);
  if (name === null) return null;
  if (DATABASE_PACKAGES.includes(name)) return "database";
  if (INTERFACE_PACKAGES.includes(name)) return "interface";
  if (extra.some((entry) => (entry.endsWith("/") ? specifier.startsWith(entry) : name === entry))) return "database";
  return null;
}

export const frameworkIndependence = defineAnalyzer({
  meta: {
    id: "framework-independence",
    guideTags: ["DB/UI"],
    section: "layered-topology",
    description: "Domain and application code that imports a database driver, an ORM or a UI/web framework instead of depending on its own interfaces.",
    defaultSeverity: "warning",
    weight: 1,
    scope: "file",
    options,
    scoring: "Share of domain and application modules that import no database or interface framework, in percent; not applicable without such modules.",
  },
  collect: (file): ExternalImport[] => findImports(file).filter((reference) => packageOf(reference.specifier) !== null).map(({ specifier, line }) => ({ specifier, line })),
  combine({ files, options: { innerFolders, extraPackages } }) {
    const isInner = layerFinder([{ folders: innerFolders }]);
    const inner = files.filter((file) => !isTestFile(file.path) && isInner(file.path) !== undefined);
    const findings = inner.flatMap((file) =>
      file.facts.flatMap((reference): FindingDraft[] => {
        const kind = frameworkKind(reference.specifier, extraPackages);
        if (!kind) return [];
        const message = `${file.path} imports the ${kind} framework "${reference.specifier}": domain and application code should depend on an interface of its own (a repository, a port) that an ${kind === "database" ? "infrastructure" : "presentation"} adapter implements.`;
        return [{ file: file.path, line: reference.line, endLine: reference.line, message, identity: [reference.specifier] }];
      }),
    );
    return {
      findings,
      metrics: { innerModules: inner.length, frameworkImports: findings.length },
      score: (active) => complianceRatioScore(inner.length - new Set(active.map((finding) => finding.file)).size, inner.length),
    };
  },
});
