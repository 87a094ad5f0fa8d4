import { z } from "zod";
import { CtrlhuntError, formatPath } from "../../errors/index.ts";
import { PhaseName } from "../registry.ts";

/** `ctrlhunt hunt` flags as commander hands them over, validated and turned into HuntOptions fields. */
export const HuntFlags = z.object({
  workspace: z.string().optional(),
  phases: z
    .string()
    .optional()
    .transform((s) =>
      s === undefined
        ? undefined
        : s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
    )
    .pipe(z.array(PhaseName).optional()),
  from: PhaseName.optional(),
  force: z.boolean().default(false),
  budgetStates: z.coerce.number().int().positive().optional(),
  budgetUsd: z.coerce.number().positive().optional(),
  agent: z.enum(["offline", "anthropic"]).default("offline"),
  model: z.string().optional(),
  timeout: z.coerce.number().positive().optional().describe("seconds per engine run"),
  maxMemory: z.coerce.number().int().min(64).optional().describe("heap budget of one search, MiB"),
  json: z.boolean().default(false),
});
export type HuntFlags = z.infer<typeof HuntFlags>;

export function parseHuntFlags(raw: Record<string, unknown>): HuntFlags {
  const res = HuntFlags.safeParse(raw);
  if (!res.success)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "invalid hunt options", {
      issues: res.error.issues.map((i) => ({ path: `--${kebab(formatPath(i.path))}`, message: i.message })),
    });
  if (res.data.phases && res.data.from)
    throw new CtrlhuntError("CTRLHUNT_USAGE", "use either --phases or --from, not both");
  return res.data;
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/\[\d+\]$/, "");
