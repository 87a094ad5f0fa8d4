import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

const REPO = path.resolve(import.meta.dirname, "../..");

describe("ctrlhunt finding explain", () => {
  it("keeps an existing explanation, redoes it on request, and refuses a finding without a divergent path", async () => {
    const root = tempWorkspace(["kro-lite"]);
    fs.cpSync(path.join(REPO, "evidence", "kro-lite"), path.join(root, "evidence", "kro-lite"), {
      recursive: true,
    });
    const committed = JSON.parse(
      fs.readFileSync(path.join(REPO, "evidence/kro-lite/findings/F1.json"), "utf8"),
    );
    const cli = (...args: string[]) => runCli([...args, "--workspace", root]);

    expect((await cli("finding", "explain", "kro-lite", "F1")).stdout).toContain("already has a Mechanism");
    const redone = await cli("finding", "explain", "kro-lite", "F1", "--replace", "--json");
    expect(redone.code).toBe(0);
    const f1 = JSON.parse(redone.stdout);
    expect(f1.mechanism).toBe(committed.mechanism);
    expect(f1.citations).toHaveLength(committed.citations.length);

    const negative = await cli("finding", "explain", "kro-lite", "F2");
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/F2 has no expected and divergent path/);
  });
});
