import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An in-process S3-compatible server for tests (node:http, localhost only): path-style addressing
 * (`/<bucket>/<key>`) and just the REST calls the campaign's bucket side makes — PutObject, GetObject, HeadObject,
 * DeleteObject, ListObjectsV2 (paged, so continuation tokens are exercised). Requests must be signed with the
 * expected access key id (the signature itself is not checked), so a test sees that credentials reach the SDK.
 * `fail` injects an S3 error answer for matching requests.
 */

export interface S3Request {
  method: string;
  bucket: string;
  key: string;
}

export interface S3Failure {
  status: number;
  code: string;
  message: string;
}

export interface FakeS3 {
  endpoint: string;
  /** `<bucket>/<key>` → bytes. */
  objects: Map<string, Buffer>;
  requests: S3Request[];
  /** Answer matching requests with this error (undefined: answer normally). */
  fail: ((r: S3Request) => S3Failure | undefined) | undefined;
  close(): Promise<void>;
}

export interface FakeS3Options {
  buckets: string[];
  accessKeyId: string;
  /** Keys per ListObjectsV2 page (S3's is 1000). */
  pageSize?: number;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const etag = (b: Buffer) => `"${createHash("md5").update(b).digest("hex")}"`;

function sendXml(res: http.ServerResponse, status: number, body: string): void {
  const bytes = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
  res.writeHead(status, { "content-type": "application/xml", "content-length": bytes.length });
  res.end(bytes);
}

function sendError(res: http.ServerResponse, r: S3Request, f: S3Failure, head: boolean): void {
  if (head) {
    res.writeHead(f.status).end(); // HEAD answers carry no body, as on S3
    return;
  }
  sendXml(
    res,
    f.status,
    `<Error><Code>${f.code}</Code><Message>${xmlEscape(f.message)}</Message><Resource>/${xmlEscape(`${r.bucket}/${r.key}`)}</Resource><RequestId>fake</RequestId></Error>`,
  );
}

function listPage(
  objects: Map<string, Buffer>,
  bucket: string,
  q: URLSearchParams,
  pageSize: number,
): string {
  const prefix = q.get("prefix") ?? "";
  const token = q.get("continuation-token");
  const after = token ? Buffer.from(token, "base64url").toString("utf8") : (q.get("start-after") ?? "");
  const max = Math.min(Number(q.get("max-keys") ?? 1000), pageSize);
  const keys = [...objects.keys()]
    .filter((k) => k.startsWith(`${bucket}/`))
    .map((k) => k.slice(bucket.length + 1))
    .filter((k) => k.startsWith(prefix) && k > after)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const page = keys.slice(0, max);
  const truncated = keys.length > page.length;
  const contents = page
    .map((k) => {
      const b = objects.get(`${bucket}/${k}`) as Buffer;
      return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${xmlEscape(etag(b))}</ETag><Size>${b.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join("");
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(page.at(-1) as string).toString("base64url")}</NextContinuationToken>`
    : "";
  return `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`;
}

async function body(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeS3(o: FakeS3Options): Promise<FakeS3> {
  const buckets = new Set(o.buckets);
  const pageSize = o.pageSize ?? 1000;
  const state: FakeS3 = {
    endpoint: "",
    objects: new Map(),
    requests: [],
    fail: undefined,
    close: async () => {},
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const [bucketSeg = "", ...keySegs] = url.pathname.slice(1).split("/");
    const r: S3Request = {
      method: req.method ?? "GET",
      bucket: decodeURIComponent(bucketSeg),
      key: keySegs.map(decodeURIComponent).join("/"),
    };
    state.requests.push(r);
    const head = r.method === "HEAD";
    const input = await body(req);
    const auth = req.headers.authorization ?? "";
    if (!auth.includes(`Credential=${o.accessKeyId}/`))
      return sendError(
        res,
        r,
        {
          status: 403,
          code: "InvalidAccessKeyId",
          message: "The AWS Access Key Id you provided does not exist in our records.",
        },
        head,
      );
    const injected = state.fail?.(r);
    if (injected) return sendError(res, r, injected, head);
    if (!buckets.has(r.bucket))
      return sendError(
        res,
        r,
        { status: 404, code: "NoSuchBucket", message: "The specified bucket does not exist" },
        head,
      );
    const id = `${r.bucket}/${r.key}`;
    if (r.key === "" && r.method === "GET" && url.searchParams.get("list-type") === "2")
      return sendXml(res, 200, listPage(state.objects, r.bucket, url.searchParams, pageSize));
    if (r.key === "")
      return sendError(res, r, { status: 501, code: "NotImplemented", message: "not in the fake" }, head);
    switch (r.method) {
      case "PUT":
        state.objects.set(id, input);
        res.writeHead(200, { etag: etag(input) }).end();
        return;
      case "GET":
      case "HEAD": {
        const b = state.objects.get(id);
        if (!b)
          return sendError(
            res,
            r,
            { status: 404, code: "NoSuchKey", message: "The specified key does not exist." },
            head,
          );
        res.writeHead(200, {
          "content-length": b.length,
          "content-type": "application/octet-stream",
          etag: etag(b),
          "last-modified": new Date(0).toUTCString(),
        });
        res.end(head ? undefined : b);
        return;
      }
      case "DELETE":
        state.objects.delete(id);
        res.writeHead(204).end();
        return;
      default:
        return sendError(res, r, { status: 501, code: "NotImplemented", message: "not in the fake" }, head);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
