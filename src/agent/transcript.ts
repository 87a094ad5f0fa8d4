import fs from "node:fs";
import path from "node:path";
import { type Transcript, Transcript as TranscriptSchema } from "../formats/transcript.ts";
import { withLockSync, workspacePaths, writeRecord } from "../workspace/index.ts";

/** evidence/<project>/transcripts/ */
export function transcriptDir(root: string, project: string): string {
  return path.join(workspacePaths(root).project(project).evidence, "transcripts");
}

/** Claim `<phase>-<n>.json` (n = next free number) by writing the first version of the transcript. */
export function openTranscript(root: string, dir: string, first: Transcript): { file: string; n: number } {
  return withLockSync(workspacePaths(root).lock, () => {
    const re = new RegExp(`^${first.phase}-(\\d+)\\.json$`);
    const taken = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .map((f) => re.exec(f)?.[1])
          .filter(Boolean)
      : [];
    const n = Math.max(0, ...taken.map(Number)) + 1;
    const file = path.join(dir, `${first.phase}-${n}.json`);
    writeRecord(TranscriptSchema, file, { ...first, n });
    return { file, n };
  });
}

/** Rewrite the transcript atomically (after every turn, and at the end). */
export function saveTranscript(file: string, t: Transcript): void {
  writeRecord(TranscriptSchema, file, t);
}
