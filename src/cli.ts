#!/usr/bin/env node
// The drsim executable (dist/cli.js). Everything lives in src/cli/; this file only starts it.
import { main } from "./cli/main.js";

process.exitCode = await main(process.argv.slice(2));
