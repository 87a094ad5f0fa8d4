// Regenerates test/fixtures/kubernetes/job-batch-v1.schema.json, the offline JSON Schema the campaign's Job manifest
// is validated against. Source: the PyPI package kubernetes-validate (Apache-2.0, github.com/willthames/kubernetes-validate),
// which ships the Kubernetes OpenAPI definitions as JSON Schema per release. No npm package ships a current one
// (kubernetes-models ships only compiled validators since 4.4; its last raw schemas are Kubernetes 1.26, before
// backoffLimitPerIndex).
//
//   pip download kubernetes-validate==1.37.0 --no-deps -d /tmp/kv && (cd /tmp/kv && unzip -oq *.whl)
//   node --import tsx scripts/vendor-job-schema.ts /tmp/kv/kubernetes_validate/kubernetes-json-schema/v1.29.0-local-strict
//
// It keeps the Job schema and the transitive closure of the definitions it references (descriptions dropped),
// with references rewritten to `#/$defs/...`, so one self-contained file validates a Job.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: vendor-job-schema.ts <kubernetes-json-schema/vX.Y.Z-local-strict>");
const job = JSON.parse(fs.readFileSync(path.join(dir, "job-batch-v1.json"), "utf8"));
const defs = JSON.parse(fs.readFileSync(path.join(dir, "_definitions.json"), "utf8")).$defs;
const REF = /^(?:\/api\/_definitions\.json)?#\/\$defs\/(.+)$/;

const needed = new Set<string>();
function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "description") continue;
    if (k === "$ref" && typeof v === "string") {
      const m = REF.exec(v);
      if (!m) throw new Error(`unexpected $ref ${v}`);
      const name = m[1] as string;
      if (!needed.has(name)) {
        needed.add(name);
        queue.push(name);
      }
      out[k] = `#/$defs/${name}`;
    } else out[k] = walk(v);
  }
  return out;
}

const queue: string[] = [];
const root = walk(job) as Record<string, unknown>;
const out: Record<string, unknown> = {};
while (queue.length > 0) {
  const name = queue.shift() as string;
  out[name] = walk(defs[name]);
}
root.$defs = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
root.$comment = `batch/v1 Job, Kubernetes ${path.basename(dir)}, from PyPI kubernetes-validate (Apache-2.0); regenerate with scripts/vendor-job-schema.ts`;
const target = path.resolve(import.meta.dirname, "../test/fixtures/kubernetes/job-batch-v1.schema.json");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(root, null, 1)}\n`);
console.log(`${target}: ${Object.keys(out).length} definitions`);
