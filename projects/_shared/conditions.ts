/** Kubernetes-style status conditions, merged by type (as apimachinery's meta.SetStatusCondition does). */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message?: string;
  observedGeneration?: number;
}

export function getCondition(list: unknown, type: string): Condition | undefined {
  return Array.isArray(list) ? (list as Condition[]).find((c) => c.type === type) : undefined;
}

/** Replace the condition of the same type in place (order kept), or append it. No transition times: they are wall-clock. */
export function setCondition(list: unknown, cond: Condition): Condition[] {
  const current = Array.isArray(list) ? (list as Condition[]) : [];
  const at = current.findIndex((c) => c.type === cond.type);
  if (at < 0) return [...current, cond];
  return current.map((c, i) => (i === at ? cond : c));
}

export function isTrue(list: unknown, type: string): boolean {
  return getCondition(list, type)?.status === "True";
}
