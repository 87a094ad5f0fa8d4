import type { KubeObj } from "ctrlhunt";
import { NODE_CPU, nominatedPods, podCpu } from "./kinds.ts";

/** A NodeClaim the scheduler decided to launch in this batch. */
export interface NewClaim {
  pods: KubeObj[];
  cpu: number;
}

export interface BatchResult {
  claims: NewClaim[];
  /** Pods left pending because the NodePool limit ran out in this batch. */
  overLimit: KubeObj[];
}

/**
 * Karpenter's batch scheduling, reduced to CPU bin-packing into new claims of NODE_CPU each.
 * `remainingNodes` is decremented per new claim, so the limit is counted correctly *within* a batch; what it
 * starts from is the caller's business (and where D1 lives). In-flight claims are not reused: they carry
 * their nominated pods only.
 */
export function scheduleBatch(pending: KubeObj[], remainingNodes: number): BatchResult {
  const claims: NewClaim[] = [];
  const overLimit: KubeObj[] = [];
  let remaining = remainingNodes;
  for (const pod of pending) {
    const cpu = podCpu(pod);
    const fits = claims.find((c) => NODE_CPU - c.cpu >= cpu);
    if (fits) {
      fits.pods.push(pod);
      fits.cpu += cpu;
    } else if (remaining > 0) {
      claims.push({ pods: [pod], cpu });
      remaining -= 1;
    } else overLimit.push(pod);
  }
  return { claims, overLimit };
}

/** Pods some existing NodeClaim was launched for: not pending any more from the provisioner's point of view. */
export function nominatedByAny(claims: KubeObj[]): Set<string> {
  return new Set(claims.flatMap(nominatedPods));
}
