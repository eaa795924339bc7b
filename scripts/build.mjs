// Builds the ESM and CommonJS copies with plain tsc: the bundlers that wrap this need Node 22.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const tsc = (project) => execFileSync("npx", ["tsc", "-p", project], { stdio: "inherit" });

rmSync("dist", { recursive: true, force: true });
tsc("tsconfig.esm.json");
tsc("tsconfig.cjs.json");
// The package is "type": "module"; this marker makes Node and TypeScript read dist/cjs as CommonJS.
mkdirSync("dist/cjs", { recursive: true });
writeFileSync("dist/cjs/package.json", `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
