import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unbackedSentences } from "../../src/evidence/index.ts";
import { Finding, INFERRED_LABEL } from "../../src/formats/records.ts";
import { explainFinding } from "../../src/report/index.ts";

const REPO = path.resolve(import.meta.dirname, "../..");

/** Every confirmed finding the committed hunts of the bundled targets produced. */
const confirmed = fs
  .readdirSync(path.join(REPO, "evidence"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(REPO, "evidence", e.name, "findings")))
  .flatMap((e) => {
    const dir = path.join(REPO, "evidence", e.name, "findings");
    return fs.readdirSync(dir).map((f) => ({
      project: e.name,
      finding: Finding.parse(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))),
    }));
  })
  .filter((x) => x.finding.status === "confirmed");

describe("explained findings of the bundled targets", () => {
  it("covers every confirmed finding", () => {
    expect(confirmed.map((c) => `${c.project}/${c.finding.id}`)).toEqual([
      "crossplane-lite/F2",
      "karpenter-lite/F2",
      "kratix-lite/F3",
      "kro-lite/F1",
      "toggle-race/F1",
    ]);
  });

  for (const { project, finding: f } of confirmed)
    it(`${project}/${f.id}: every Mechanism sentence cites a step, the Fix is labelled, and it is reproducible`, () => {
      expect(f.mechanism).toBeDefined();
      expect(unbackedSentences(f.mechanism as string, f.citations.length)).toEqual([]);
      expect(f.fix?.startsWith(INFERRED_LABEL)).toBe(true);
      expect(unbackedSentences(f.fix as string, f.citations.length)).toEqual([]);
      // Explaining the stored finding again needs no new citation and says the same.
      const again = explainFinding(REPO, f);
      expect(again).toEqual({ mechanism: f.mechanism, fix: f.fix, citations: [] });
    });

  it("says where the planted bugs start, in the terms of their READMEs", () => {
    const text = (p: string, id: string) => {
      const f = confirmed.find((c) => c.project === p && c.finding.id === id)?.finding;
      return `${f?.mechanism}\n${f?.fix}`;
    };
    // kro-lite: the crash after the membership record; the restarted reconciles find the children absent.
    expect(text("kro-lite", "F1")).toMatch(
      /step 3: ApplicationController, reconciling kro.run\/Application default\/my-api, makes 1 write/,
    );
    expect(text("kro-lite", "F1")).toMatch(
      /finds apps\/Deployment default\/my-api, core\/Service default\/my-api and networking.k8s.io\/Ingress default\/my-api absent and writes nothing/,
    );
    // crossplane-lite: the XR reconciled on an old revision, and never again (the missing watch).
    expect(text("crossplane-lite", "F2")).toMatch(
      /read example.org\/XWidget default\/example, apiextensions.crossplane.io\/CompositionRevision xwidgets-1/,
    );
    expect(text("crossplane-lite", "F2")).toMatch(
      /CompositeReconciler never reconciles example.org\/XWidget default\/example again after step \d+: nothing re-triggered it/,
    );
    // karpenter-lite: the provisioner creates a claim before the counter updated the pool's usage.
    expect(text("karpenter-lite", "F2")).toMatch(
      /created at step \d+ by provisioner for karpenter.sh\/NodePool default \[C\d+\], after reading karpenter.sh\/NodePool default, which nodepool.counter updates only at step/,
    );
    // kratix-lite: the Work's status ends as whichever placement wrote it last.
    expect(text("kratix-lite", "F3")).toMatch(
      /platform.kratix.io\/Work default\/example-work ends as whichever reconcile wrote it last/,
    );
  });

  it("no committed document says 'Not analysed yet'", () => {
    const docs = fs
      .readdirSync(path.join(REPO, "evidence"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".md"))
      .map((e) => path.join(e.parentPath, e.name));
    expect(docs.filter((d) => fs.readFileSync(d, "utf8").includes("Not analysed yet"))).toEqual([]);
  });
});
