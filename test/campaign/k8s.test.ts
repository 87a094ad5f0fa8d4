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

  it("with --bucket: pods reach the bucket with credentials from a Secret, never literal keys", async () => {
    const root = tempWorkspace(["kratix-lite"]);
    const dir = path.join(root, "c");
    const plan = await runCli(
      ["campaign", "plan", "kratix-lite", "--inputs", KRATIX, "--trials", "4", "--shards", "2", "--out", dir],
      { cwd: root },
    );
    expect(plan.code, plan.stderr).toBe(0);
    const bucket = [
      "--bucket",
      "s3://campaigns/k5/",
      "--endpoint",
      "http://minio.storage:9000",
      "--region",
      "eu-west-1",
    ];
    const env = {
      AWS_ACCESS_KEY_ID: "AKIASHOULDNOTAPPEAR",
      AWS_SECRET_ACCESS_KEY: "secret-should-not-appear",
    };
    const r = await runCli(
      [
        "campaign",
        "k8s",
        dir,
        "--image",
        "registry.example/ctrlhunt:1",
        ...bucket,
        "--s3-secret",
        "ctrlhunt-s3",
      ],
      { cwd: root, env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/SHOULDNOTAPPEAR|should-not-appear/);
    expect(r.stdout).toContain('Secret "ctrlhunt-s3"');
    expect(r.stdout).toContain(
      "# After the Job completes: ctrlhunt campaign collect --bucket s3://campaigns/k5 --endpoint http://minio.storage:9000 --region eu-west-1",
    );
    const manifest = YAML.parse(r.stdout);
    expect(errorsOf(manifest)).toEqual([]);
    const pod = manifest.spec.template.spec;
    expect(pod.volumes).toBeUndefined();
    const container = pod.containers[0];
    expect(container.volumeMounts).toBeUndefined();
    expect(container.command.slice(2)).toEqual([
      "campaign",
      "run",
      "--bucket",
      "s3://campaigns/k5",
      "--endpoint",
      "http://minio.storage:9000",
      "--region",
      "eu-west-1",
      "--workspace",
      "/workspace",
    ]);
    expect(container.env).toEqual([
      {
        name: "AWS_ACCESS_KEY_ID",
        valueFrom: { secretKeyRef: { name: "ctrlhunt-s3", key: "AWS_ACCESS_KEY_ID" } },
      },
      {
        name: "AWS_SECRET_ACCESS_KEY",
        valueFrom: { secretKeyRef: { name: "ctrlhunt-s3", key: "AWS_SECRET_ACCESS_KEY" } },
      },
      {
        name: "AWS_SESSION_TOKEN",
        valueFrom: { secretKeyRef: { name: "ctrlhunt-s3", key: "AWS_SESSION_TOKEN", optional: true } },
      },
    ]);
    const noSecret = await runCli(["campaign", "k8s", dir, "--image", "i", ...bucket], { cwd: root });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain("--s3-secret <name>");
    const both = await runCli(
      ["campaign", "k8s", dir, "--image", "i", "--volume", "v", ...bucket, "--s3-secret", "s"],
      { cwd: root },
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("not both");
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
