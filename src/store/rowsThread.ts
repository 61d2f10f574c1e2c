// Worker-thread entry of row sets read aside (rowsAside.ts readRowsAside): never imported, only started.
import { serveStream } from "../threads.js";
import { readJobs } from "./rowsAside.js";

serveStream(readJobs);
