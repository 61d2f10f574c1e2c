// Worker-thread entry of a saved run's decision (recommendRows.ts decideSavedRunAside): never
// imported, only started.
import { serveTask } from "../threads.js";
import { decideSavedRun } from "./recommendRows.js";

serveTask(decideSavedRun);
