// Write a file so that readers (and a Ctrl-C) never see it half-written: temp name, then rename.
// (Stand-in until the runner's src/report/atomicWrite.ts exists; same contract.)
import { rename, rm, writeFile } from "node:fs/promises";

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
