import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { CtrlhuntError } from "../errors/index.ts";
import { RerunSection } from "../formats/records.ts";
import { readRecord, writeRecord } from "../workspace/index.ts";
import { locked, type StoreContext, storePaths } from "./context.ts";

const FILE = /^(\d{4}-\d{2}-\d{2})-(\d+)\.json$/;

export interface StoredRerun {
  /** `<date>-<n>`: the order re-run sections are appended in. */
  key: string;
  file: string;
  section: RerunSection;
}

function byDateThenNumber(a: string, b: string): number {
  const ma = FILE.exec(a)!;
  const mb = FILE.exec(b)!;
  return ma[1] === mb[1] ? Number(ma[2]) - Number(mb[2]) : ma[1] < mb[1] ? -1 : 1;
}

export function listReruns(ctx: StoreContext, project: string): StoredRerun[] {
  const dir = storePaths(ctx, project).reruns;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort(byDateThenNumber)
    .map((f) => ({
      key: f.replace(/\.json$/, ""),
      file: path.join(dir, f),
      section: readRecord(RerunSection, path.join(dir, f)),
    }));
}

/** Append a dated re-run section. Sections are never rewritten: each gets a new `<date>-<n>.json`. */
export function appendRerun(
  ctx: StoreContext,
  project: string,
  section: z.input<typeof RerunSection>,
): StoredRerun {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(section.date)) {
    throw new CtrlhuntError("CTRLHUNT_USAGE", `re-run date must be yyyy-mm-dd, got "${section.date}"`);
  }
  const dir = storePaths(ctx, project).reruns;
  return locked(ctx, () => {
    const same = fs.existsSync(dir)
      ? fs.readdirSync(dir).filter((f) => f.startsWith(`${section.date}-`))
      : [];
    const n = Math.max(0, ...same.map((f) => Number(FILE.exec(f)?.[2] ?? 0))) + 1;
    const key = `${section.date}-${n}`;
    const file = path.join(dir, `${key}.json`);
    return { key, file, section: writeRecord(RerunSection, file, section as RerunSection) };
  });
}
