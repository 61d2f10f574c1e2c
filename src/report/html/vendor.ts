// The prebuilt browser bundles of vega, vega-lite and vega-embed, read from node_modules and
// inlined into report.html so that it opens from disk with no network request.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Each package's browser build (its "unpkg" file), next to the module its exports resolve to. */
const BUNDLES = [
  { pkg: "vega", file: "vega.min.js" },
  { pkg: "vega-lite", file: "vega-lite.min.js" },
  { pkg: "vega-embed", file: "vega-embed.min.js" },
] as const;

export interface VendorScript {
  readonly name: string;
  readonly source: string;
}

let cached: VendorScript[] | undefined;

export function vendorScripts(): readonly VendorScript[] {
  cached ??= BUNDLES.map(({ pkg, file }) => {
    const entry = fileURLToPath(import.meta.resolve(pkg));
    const path = join(dirname(entry), file);
    return { name: `${pkg}/build/${file}`, source: readFileSync(path, "utf8") };
  });
  return cached;
}
