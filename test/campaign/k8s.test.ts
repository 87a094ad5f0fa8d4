import fs from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { jobManifest } from "../../src/campaign/index.ts";
import type { CampaignFile } from "../../src/formats/campaign.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempWorkspace } from "../helpers/temp-workspace.ts";
import { KRATIX } from "./helpers.ts";

/**
 * The Job manifest validates against the batch/v1 Job JSON Schema of Kubernetes 1.29 (strict: unknown fields are
 * errors), vendored by scripts/vendor-job-schema.ts, with ajv — offline.
 */
const schema = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/kubernetes/job-batch-v1.schema.json"), "utf8"),
);
// Kubernetes' int32/int64/quantity formats are not JSON Schema formats; types, enums and fields are what we check.
const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
const errorsOf = (m: unknown) =>
  validate(m) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe("campaign k8s", () => {
  it("prints an Indexed Job that the batch/v1 Job schema accepts, one pod per shard", async () => {
    const root = tempWorkspace(["kratix-lite"]);
    const dir = path.join(root, "c");
    const plan = await runCli(
      [
        "campaign",
        "plan",
        "kratix-lite",
        "--inputs",
        KRATIX,
        "--mode",
        "exploration",
        "--trials",
        "16",
        "--shards",
        "8",
        "--out",
        dir,
      ],
      { cwd: root },
    );
    expect(plan.code, plan.stderr).toBe(0);
    const r = await runCli(
      [
        "campaign",
        "k8s",
        dir,
        "--image",
        "registry.example/ctrlhunt:1",
        "--volume",
        "campaigns",
        "--parallelism",
        "2",
      ],
      { cwd: root },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Kubernetes >= 1.29");
    const manifest = YAML.parse(r.stdout);
    expect(errorsOf(manifest)).toEqual([]);
    expect(manifest.spec).toMatchObject({
      completionMode: "Indexed",
      completions: 8,
      parallelism: 2,
      backoffLimitPerIndex: 2,
    });
    const container = manifest.spec.template.spec.containers[0];
    expect(container.command.slice(2)).toEqual(["campaign", "run", "/campaign", "--workspace", "/workspace"]);
    expect(container.resources.requests).toEqual({ cpu: "1", memory: "2Gi" });
    const docker = await runCli(["campaign", "k8s", dir, "--dockerfile"], { cwd: root });
    expect(docker.stdout).toContain("FROM node:20-slim");
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("the schema check fails a manifest Kubernetes would reject", () => {
    const c = { project: "p", shards: 2, sha256: "a".repeat(64) } as CampaignFile;
    const good = jobManifest(c, { image: "i", volume: "v" }) as { spec: Record<string, unknown> };
    expect(errorsOf(good)).toEqual([]);
    // (the 1.29 OpenAPI gives completionMode no enum: a wrong value is the API server's to refuse)
    expect(errorsOf({ ...good, spec: { ...good.spec, completions: "eight" } })).toContain(
      "/spec/completions must be integer,null",
    );
    const { template: _t, ...noTemplate } = good.spec;
    expect(errorsOf({ ...good, spec: noTemplate })).toContain("/spec must have required property 'template'");
    expect(errorsOf({ ...good, spec: { ...good.spec, completionIndex: 3 } })).toContain(
      "/spec must NOT have additional properties",
    );
  });
});
