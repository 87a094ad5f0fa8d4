import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { outcomeOf, readDumpFile, statesOf } from "../../src/analysis/index.ts";
import { acceptedInvariants } from "../../src/evidence/index.ts";
import { checkInvariants, terminalView } from "../../src/invariants/index.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";

const REPO = path.resolve(import.meta.dirname, "../..");
const env = { SOURCE_DATE_EPOCH: "1767225600" };

/** A workspace holding karpenter-lite and a copy of its committed reference run (no engine needed). */
function workspace(): string {
  const root = tempWorkspace(["karpenter-lite"]);
  const from = path.join(REPO, "evidence", "karpenter-lite", "runs", "R1");
  fs.cpSync(from, path.join(root, "evidence", "karpenter-lite", "runs", "R1"), { recursive: true });
  return root;
}

describe("ctrlhunt invariant propose | list | accept | reject", () => {
  it("proposes from the reference run, never re-proposes, and only accepted invariants judge", async () => {
    const root = workspace();
    const cli = (...args: string[]) => runCli([...args, "--workspace", root], { env });

    const proposed = await cli("invariant", "propose", "karpenter-lite", "--json");
    expect(proposed.code).toBe(0);
    const res = JSON.parse(proposed.stdout);
    expect(res.states).toBe(1);
    const names: string[] = res.added.map((r: { name: string }) => r.name);
    const limit = res.added.find((r: { name: string }) =>
      r.name.includes("number of controlled karpenter.sh/NodeClaim <= spec.limits.nodes"),
    );
    expect(limit).toMatchObject({ status: "proposed", source: "heuristic:child-count" });
    expect(limit.citations[0].dump).toBe(
      "evidence/karpenter-lite/runs/R1/dumps/d1_nodes_limit_batching_reference_0.jsonl.gz",
    );
    const file = path.join(root, "evidence", "karpenter-lite", "invariants", `${limit.id}.yaml`);
    expect(YAML.parse(fs.readFileSync(file, "utf8")).rule).toEqual({
      rule: "child-count",
      owner: { kind: "karpenter.sh/NodePool" },
      child: "karpenter.sh/NodeClaim",
      op: "<=",
      path: "spec.limits.nodes",
    });

    expect(JSON.parse((await cli("invariant", "propose", "karpenter-lite", "--json")).stdout).added).toEqual(
      [],
    );
    expect(acceptedInvariants(root, "karpenter-lite")).toEqual([]);

    const other = res.added.find((r: { id: string }) => r.id !== limit.id);
    expect((await cli("invariant", "accept", "karpenter-lite", limit.id)).stdout).toContain("accepted");
    expect(
      (await cli("invariant", "reject", "karpenter-lite", other.id, "--reason", "coincidence")).code,
    ).toBe(0);
    const list = (await cli("invariant", "list", "karpenter-lite")).stdout;
    expect(list.split("\n").filter(Boolean)).toHaveLength(names.length);
    expect(
      (await cli("invariant", "list", "karpenter-lite", "--status", "accepted", "--json")).stdout,
    ).toContain(limit.id);

    // The accepted rule judges a state of the planted bug (two NodeClaims under limits.nodes 1).
    const accepted = acceptedInvariants(root, "karpenter-lite");
    expect(accepted.map((i) => i.name)).toEqual([limit.name]);
    const bug = readDumpFile(
      path.join(
        REPO,
        "evidence/karpenter-lite/evidence/F2",
        fs
          .readdirSync(path.join(REPO, "evidence/karpenter-lite/evidence/F2"))
          .find((f) => f.includes("hypothesis")) as string,
      ),
    ).dumps.flatMap((d) =>
      statesOf(d.dump)
        .filter((s) => outcomeOf(s) === "converged")
        .map((s) => terminalView(d.dump, s).view),
    );
    const violations = bug.flatMap(
      (v) => checkInvariants({ declared: accepted, builtins: [] }, v)[0]?.violations ?? [],
    );
    expect(violations[0]?.message).toMatch(
      /karpenter.sh\/NodePool default controls [23] karpenter.sh\/NodeClaim, not <= spec.limits.nodes \("1"\)/,
    );
  });

  it("records a hand-written proposal only if it holds in the reference", async () => {
    const root = workspace();
    const cli = (...args: string[]) => runCli([...args, "--workspace", root], { env });
    const write = (name: string, rule: unknown) => {
      const file = path.join(root, name);
      fs.writeFileSync(
        file,
        YAML.stringify({ rule, rationale: "the pool's limit is a hard cap (provisioner.go)" }),
      );
      return file;
    };
    const holds = write("holds.yaml", {
      rule: "field-compare",
      select: { kind: "karpenter.sh/NodePool" },
      left: "status.resources.nodes",
      op: "<=",
      right: "spec.limits.nodes",
    });
    const added = await cli("invariant", "add", "karpenter-lite", "--from", holds, "--json");
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: "I1", status: "proposed", source: "user" });

    const broken = write("broken.yaml", {
      rule: "child-count",
      owner: { kind: "karpenter.sh/NodePool" },
      child: "karpenter.sh/NodeClaim",
      op: "==",
      path: "spec.template.spec.nodeClassRef.name",
    });
    const refused = await cli("invariant", "add", "karpenter-lite", "--from", broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not hold in the reference/);
    expect(refused.stderr).toMatch(
      /controls 1 karpenter.sh\/NodeClaim, not == spec.template.spec.nodeClassRef.name/,
    );

    const typo = write("typo.yaml", { rule: "owner-has-children", owner: { kind: "a/B" }, child: "a/C" });
    const invalid = await cli("invariant", "add", "karpenter-lite", "--from", typo);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("typo.yaml");
  });

  it("names the file and field of a hand-edited record that is invalid", async () => {
    const root = workspace();
    await runCli(["invariant", "propose", "karpenter-lite", "--workspace", root], { env });
    const file = path.join(root, "evidence", "karpenter-lite", "invariants", "I1.yaml");
    const rec = YAML.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, YAML.stringify({ ...rec, rule: { ...rec.rule, op: "<" } }));
    const r = await runCli(["invariant", "list", "karpenter-lite", "--workspace", root], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("I1.yaml");
    expect(r.stderr).toMatch(/rule/);
  });
});
