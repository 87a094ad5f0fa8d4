import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where the fake harness scripts live. */
export const HARNESSES = path.join(import.meta.dirname, "fixtures", "harnesses");

/** A throwaway workspace with one kamera project whose project.json points at `command`. */
export function kameraWorkspace(
  harness: { command: string[] | string; cwd?: string; env?: Record<string, string> },
  name = "fake",
): { root: string; scenario: string; runDir: (runId: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ctrlhunt-kamera-"));
  const dir = path.join(root, "projects", name);
  fs.mkdirSync(path.join(dir, "scenarios"), { recursive: true });
  fs.writeFileSync(path.join(dir, "project.json"), JSON.stringify({ engine: "kamera", harness }, null, 2));
  const scenario = path.join(dir, "scenarios", "demo.json");
  const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "default" } };
  fs.writeFileSync(
    scenario,
    JSON.stringify([
      { name: "S1/demo", environmentState: { objects: [cm] } },
      { name: "S2/other", environmentState: { objects: [cm] } },
    ]),
  );
  return { root, scenario, runDir: (id) => path.join(root, "evidence", name, "runs", id) };
}

/** True while a process exists and is not a zombie (a killed orphan may wait for a reaper that never comes). */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
