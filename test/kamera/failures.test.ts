import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { kameraEngine } from "../../src/engine/kamera/index.ts";
import { Dump } from "../../src/formats/dump.ts";
import { buildHarnesses, REPO, tempDir } from "./twins.ts";

const BASE = path.join(REPO, "projects/kratix-lite/scenarios/k5_work-placement-status-race.json");

/** The bundled 4-destination kratix scenario with a tuning override, written next to the run. */
function scenarioWith(dir: string, tuning: Record<string, unknown>): string {
  const [s] = JSON.parse(fs.readFileSync(BASE, "utf8"));
  const file = path.join(dir, "k5_variant.json");
  fs.writeFileSync(file, JSON.stringify([{ ...s, tuning: { ...s.tuning, ...tuning } }], null, 2));
  return file;
}

beforeAll(() => buildHarnesses());

describe("kit failures come back as run records that say what happened", () => {
  it("a scenario asking for fault injection is refused with a failure dump naming the field", async () => {
    const dir = tempDir("refuse");
    const scenarioFile = scenarioWith(dir, {
      faultInjection: [{ reconciler: "WorkController", crashAfterEffect: 1 }],
    });
    const record = await kameraEngine(REPO).run({
      project: "kratix-lite-go",
      scenarioFile,
      mode: "exploration",
      outDir: path.join(dir, "run"),
    });
    expect(record.status).toBe("failed");
    expect(record.error).toMatch(/exited with code 1.*failure dump/);
    const dump = Dump.parse(JSON.parse(fs.readFileSync(path.resolve(REPO, record.dumps[0]), "utf8")));
    expect(dump.context?.scenario?.attributes?.error_message).toMatch(
      /\[0\]\.tuning\.faultInjection: asks for fault injection/,
    );
  });

  it("an exploration cut by the run's timeout is partial or failed, never ok, and says why", async () => {
    const dir = tempDir("timeout");
    const record = await kameraEngine(REPO, { graceMs: 1500 }).run({
      project: "kratix-lite-go",
      scenarioFile: scenarioWith(dir, {}),
      mode: "exploration",
      outDir: path.join(dir, "run"),
      timeoutMs: 4000,
    });
    expect(["partial", "failed"]).toContain(record.status);
    expect(record.error).toMatch(/timeout|exited with code 1|killed/);
    expect(record.logTail).toMatch(/exploring/);
    for (const d of record.dumps) {
      const dump = Dump.parse(JSON.parse(fs.readFileSync(path.resolve(REPO, d), "utf8")));
      expect(dump.context?.scenario?.attributes?.timed_out).toBe("true");
    }
  });
});
