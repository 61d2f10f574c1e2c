// drsim's version, from the nearest package.json named "drsim" above this file: works from src/,
// dist/ and dist-bench/src/ alike.
import { existsSync, readFileSync } from "node:fs";

let cached: string | undefined;

export function drsimVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = new URL("./", import.meta.url); ; dir = new URL("../", dir)) {
    const file = new URL("package.json", dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "drsim" && typeof pkg.version === "string") return (cached = pkg.version);
    }
    if (dir.pathname === "/") throw new Error("drsim's package.json not found");
  }
}
