#!/usr/bin/env node
// The public API report: one `api/<entry>.api.md` per package entry, written by API Extractor from
// declarations emitted for this run, so every change of the public surface shows up in review.
//
//   node scripts/api-report.mjs           check: fails when the surface differs from api/
//   node scripts/api-report.mjs --update  rewrite api/ to match the code
//
// API Extractor carries its own TypeScript, so it works whatever compiler the build uses.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { ENTRIES as BUILD_ENTRIES } from "./entries.mjs";

const root = resolve(import.meta.dirname, "..");
const update = process.argv.includes("--update");

/** Each public entry (a key of package.json `exports`) and the source file it is built from. */
const ENTRIES = Object.fromEntries(
  BUILD_ENTRIES.map((e) => [e.name ? `./${e.name}` : ".", e.source.replace(/\.ts$/, "")]),
);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const exported = Object.keys(pkg.exports).filter((key) => key !== "./package.json");
const listed = Object.keys(ENTRIES);
const drift = [
  ...exported
    .filter((key) => !listed.includes(key))
    .map((key) => `${key} is exported but has no report`),
  ...listed
    .filter((key) => !exported.includes(key))
    .map((key) => `${key} has a report but is not exported`),
];
if (drift.length > 0) {
  console.error(
    `api-report: scripts/api-report.mjs ENTRIES and package.json exports differ:\n  ${drift.join("\n  ")}`,
  );
  process.exit(1);
}

const work = join(root, ".tmp", "api-report");
const dts = join(work, "dts");
rmSync(work, { recursive: true, force: true });
mkdirSync(join(root, "api"), { recursive: true });
execFileSync(
  process.execPath,
  [
    join(root, "node_modules", "typescript", "bin", "tsc"),
    ...[
      "-p",
      join(root, "tsconfig.build.json"),
      "--emitDeclarationOnly",
      "--declarationMap",
      "false",
    ],
    ...["--sourceMap", "false", "--outDir", dts],
  ],
  { cwd: root, stdio: "inherit" },
);

const failed = [];
for (const [entry, source] of Object.entries(ENTRIES)) {
  const name = entry === "." ? "omnistorage-ts" : `omnistorage-ts.${entry.slice(2)}`;
  const mainEntryPointFilePath = join(dts, `${source}.d.ts`);
  if (!existsSync(mainEntryPointFilePath)) {
    failed.push(`${entry}: no declarations at ${mainEntryPointFilePath}`);
    continue;
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath,
      compiler: { tsconfigFilePath: join(root, "tsconfig.build.json") },
      apiReport: {
        enabled: true,
        reportFileName: name,
        reportFolder: join(root, "api"),
        reportTempFolder: join(work, "reports"),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: "warning" } },
        extractorMessageReporting: {
          default: { logLevel: "warning" },
          // Release tags (@public/@beta) are not how this package marks its surface: the entry is.
          "ae-missing-release-tag": { logLevel: "none" },
          // Documentation is checked by TypeDoc (npm run docs:api); links likewise.
          "ae-undocumented": { logLevel: "none" },
          "ae-unresolved-link": { logLevel: "none" },
          // A type declared in another entry (Backend in ./matchers) is not forgotten; one that
          // no entry exports is listed in the report itself, for review.
          "ae-forgotten-export": { logLevel: "none", addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: "none" } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, "package.json"),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (result.errorCount > 0) failed.push(`${entry}: ${result.errorCount} error(s)`);
  else if (result.apiReportChanged && !update) {
    failed.push(
      `${entry}: the public API changed; run \`npm run api:update\` and commit api/${name}.api.md`,
    );
  }
}

if (failed.length > 0) {
  console.error(`api-report:\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
console.log(`api-report: ${listed.length} entries ${update ? "written to" : "match"} api/`);
