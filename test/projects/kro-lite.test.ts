import { describe, expect, it } from "vitest";
import { allTerminals, condition, explore, get, histogram, type Terminal } from "./harness.ts";

const FILE = "k2b_instance-applyset-children.json";
const INSTANCES = ["my-api", "my-app"];
const CRASH_AFTER_2ND_WRITE = {
  faultInjection: [{ reconciler: "ApplicationController", crashAfterEffect: 2, triggerOnce: true }],
};

const stateOf = (t: Terminal, app: string) =>
  (get(t, "kro.run/Application", "default", app)?.status as { state?: string } | undefined)?.state;
const hasService = (t: Terminal, app: string) => get(t, "core/Service", "default", app) !== undefined;

/** Every instance complete: Deployment + Service (+ Ingress when enabled), status ACTIVE. */
function expectAllChildren(t: Terminal) {
  for (const app of INSTANCES) {
    expect(get(t, "apps/Deployment", "default", app), `${app} Deployment`).toBeDefined();
    expect(hasService(t, app), `${app} Service`).toBe(true);
    expect(stateOf(t, app), `${app} state`).toBe("ACTIVE");
  }
  expect(get(t, "networking.k8s.io/Ingress", "default", "my-api")).toBeDefined();
}

describe("kro-lite: applyset record trusted over live children (KRO K2b)", () => {
  it("reference run converges to one terminal state with every child applied", async () => {
    const [ref] = await explore("kro-lite", FILE, { mode: "reference" });
    const ts = allTerminals([ref]);
    expect(ts).toHaveLength(1);
    expect(ts[0].error).toBeUndefined();
    expectAllChildren(ts[0]);
  });

  it("a crash after the 2nd write leaves the Service and Ingress missing in every terminal state", async () => {
    const ts = allTerminals(await explore("kro-lite", FILE, { tuning: CRASH_AFTER_2ND_WRITE }));
    expect(ts.length).toBeGreaterThan(0);
    for (const t of ts) {
      expect(t.error).toBeUndefined();
      // The record (write 1) and the Deployment (write 2) are durable; the restarted controller trusts the record.
      expect(get(t, "apps/Deployment", "default", "my-api")).toBeDefined();
      expect(hasService(t, "my-api")).toBe(false);
      expect(get(t, "networking.k8s.io/Ingress", "default", "my-api")).toBeUndefined();
      const record = get(t, "kro.run/Application", "default", "my-api")?.metadata.annotations?.[
        "applyset.kro.run/members"
      ];
      expect(JSON.parse(record ?? "{}")).toHaveProperty("service");
      expect(stateOf(t, "my-api")).toBe("IN_PROGRESS");
      expect(condition(get(t, "kro.run/Application", "default", "my-api"), "ResourcesReady")?.message).toBe(
        "not ready: service, ingress",
      );
    }
  });

  it("with the instance reconciles permuted, the crash splits terminal states by which instance lost its Service", async () => {
    const tuning = { ...CRASH_AFTER_2ND_WRITE, permuteControllers: ["ApplicationController"] };
    const ts = allTerminals(await explore("kro-lite", FILE, { tuning }));
    expect(histogram(ts).size).toBeGreaterThanOrEqual(2);
    for (const t of ts) expect(INSTANCES.filter((app) => !hasService(t, app))).toHaveLength(1);
    // Whichever instance's reconcile is the first to attempt a 3rd write is the one that crashes.
    expect(new Set(ts.map((t) => INSTANCES.find((app) => !hasService(t, app))))).toEqual(new Set(INSTANCES));
  });

  it("kro-lite-fixed: the same crash (and orderings) end in one terminal state with every child", async () => {
    const tuning = { ...CRASH_AFTER_2ND_WRITE, permuteControllers: ["ApplicationController"] };
    const ts = allTerminals(await explore("kro-lite-fixed", FILE, { tuning }));
    expect(histogram(ts).size).toBe(1);
    for (const t of ts) expectAllChildren(t);
  });
});
