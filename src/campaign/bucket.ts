import type { S3Client } from "@aws-sdk/client-s3";
import { CtrlhuntError } from "../errors/index.ts";
import type { CampaignPlace } from "./layout.ts";
import type { ObjectStore } from "./store.ts";

/**
 * The S3 side of a campaign's output: an ObjectStore on an S3-compatible bucket through @aws-sdk/client-s3 (AWS,
 * MinIO, Ceph RGW, …). The SDK is imported only when a bucket is opened, so the CLI's start-up never pays for it.
 */

export interface BucketOptions {
  /** `s3://bucket/prefix` (prefix optional). */
  url: string;
  /** An S3-compatible endpoint (MinIO, …); addressed path-style (`<endpoint>/<bucket>/<key>`). */
  endpoint?: string;
  region?: string;
}

export interface BucketUrl {
  bucket: string;
  /** Without leading or trailing `/`; empty for the bucket's root. */
  prefix: string;
}

const usage = (message: string) => new CtrlhuntError("CTRLHUNT_USAGE", message);

export function parseBucketUrl(url: string): BucketUrl {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url.trim());
  const bucket = m?.[1] ?? "";
  // S3's bucket naming rule (3–63 of a-z 0-9 . -, starting and ending alphanumeric); MinIO enforces the same.
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw usage(`--bucket must be s3://<bucket>/<prefix> with a valid bucket name, got "${url}"`);
  const prefix = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix.split("/").some((s) => s === "." || s === ".." || (s === "" && prefix !== "")))
    throw usage(`--bucket ${url}: the prefix must be plain path segments`);
  return { bucket, prefix };
}

function checkEndpoint(endpoint: string): string {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    throw usage(`--endpoint must be an http(s) URL, got "${endpoint}"`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw usage(`--endpoint must be an http(s) URL, got "${endpoint}"`);
  return endpoint.replace(/\/+$/, "");
}

/** How messages name the bucket and how a re-run command reaches it again (region and endpoint included). */
export function bucketPlace(o: BucketOptions): CampaignPlace {
  const { bucket, prefix } = parseBucketUrl(o.url);
  const label = `s3://${bucket}${prefix ? `/${prefix}` : ""}`;
  const args = [`--bucket ${label}`];
  if (o.endpoint) args.push(`--endpoint ${checkEndpoint(o.endpoint)}`);
  if (o.region) args.push(`--region ${o.region}`);
  return { label, runArgs: args.join(" ") };
}

/**
 * Credentials from the standard variables of `env` (the CLI's, so tests and pods pass their own). Without them the
 * SDK's default chain applies (shared profiles, web identity such as EKS IRSA, instance metadata).
 */
function credentialsFrom(env: NodeJS.ProcessEnv) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId && !secretAccessKey) return undefined;
  if (!accessKeyId || !secretAccessKey)
    throw usage(
      `${accessKeyId ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"} is not set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together`,
    );
  const sessionToken = env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The S3 error in one line: its code, HTTP status and message, or the network error when there was no answer. */
export function s3Reason(e: unknown): string {
  const err = (e ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
    errors?: Array<{ message?: string }>;
    $metadata?: { httpStatusCode?: number };
  };
  const status = err.$metadata?.httpStatusCode;
  const name = err.name && err.name !== "Error" && err.name !== "AggregateError" ? err.name : err.code;
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  const message = err.message || err.errors?.map((x) => x.message).join("; ") || "";
  // No answer (refused, reset, DNS): the network error's own message already names its code.
  if (!status) return message || name || String(e);
  const head = `${name ?? "error"} (HTTP ${status})`;
  return message && message !== name ? `${head}: ${message}` : head;
}

/** Open the bucket campaign at `o.url`: the SDK is imported here, on first use. */
export async function openBucket(o: BucketOptions, env: NodeJS.ProcessEnv): Promise<ObjectStore> {
  const place = bucketPlace(o);
  const { bucket, prefix } = parseBucketUrl(o.url);
  const credentials = credentialsFrom(env);
  // The SDK warns on every Node 20 start that its releases after January 2027 need Node 22. ctrlhunt pins a
  // release that supports Node 20 (package.json), so the warning would only be noise in every shard's log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const s3 = await import("@aws-sdk/client-s3");
  const client: S3Client = new s3.S3Client({
    region: o.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(o.endpoint ? { endpoint: checkEndpoint(o.endpoint), forcePathStyle: true } : {}),
    ...(credentials ? { credentials } : {}),
    // Checksums only where S3 requires them: several S3-compatible stores reject the SDK's default trailing
    // checksums, and every dump's sha256 is in its shard record anyway.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // An endpoint that never answers fails in seconds, not at the OS's TCP timeout.
    requestHandler: { connectionTimeout: 10_000 },
  });
  const fullKey = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const failed = (op: string, key: string, e: unknown) =>
    new CtrlhuntError(
      "CTRLHUNT_BUCKET_FAILED",
      `${op} ${place.label}/${key} failed: ${s3Reason(e)}${o.endpoint ? ` (endpoint ${o.endpoint})` : ""}`,
      { cause: e },
    );
  const call = async <T>(op: string, key: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof CtrlhuntError) throw e;
      throw failed(op, key, e);
    }
  };
  return {
    place,
    list: (sub) =>
      call("ListObjectsV2", sub, async () => {
        const keys: string[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(
            new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: fullKey(sub), ContinuationToken: token }),
          );
          for (const c of page.Contents ?? [])
            if (c.Key) keys.push(prefix ? c.Key.slice(prefix.length + 1) : c.Key);
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return keys;
      }),
    get: (key) =>
      call("GetObject", key, async () => {
        try {
          const res = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: fullKey(key) }));
          return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
        } catch (e) {
          if (e instanceof s3.NoSuchKey || (e as { name?: string }).name === "NoSuchKey") return undefined;
          throw e;
        }
      }),
    put: (key, body) =>
      call("PutObject", key, async () => {
        await client.send(new s3.PutObjectCommand({ Bucket: bucket, Key: fullKey(key), Body: body }));
      }),
    delete: (key) =>
      call("DeleteObject", key, async () => {
        await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: fullKey(key) }));
      }),
  };
}
