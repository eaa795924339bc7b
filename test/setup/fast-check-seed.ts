// CI runs are reproducible: every property uses one seed there (FC_SEED overrides it), so a
// landing never depends on a lucky draw. Local runs explore new sequences on every run, and a
// failure prints its seed and path for replay.
import fc from "fast-check";

const seed = process.env.FC_SEED ?? (process.env.CI ? "20261130" : undefined);
if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
