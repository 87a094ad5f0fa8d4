import { z } from "zod";

/**
 * What harness/surface (the Go AST extractor) prints: raw facts about controller-runtime wiring. An internal
 * process protocol, validated at the edge; go-model.ts turns it into a SurfaceMap.
 */

const KindRef = z.object({ kind: z.string(), gvk: z.string().optional(), resolved: z.boolean() });

const Access = z.object({
  kind: z.string(),
  gvk: z.string().optional(),
  op: z.string(),
  surface: z.string().optional(),
  conditional: z.boolean(),
  inLoop: z.boolean(),
  via: z.string().optional(),
  client: z.enum(["uncached", "remote"]).optional(),
  location: z.string(),
});
export type GoAccess = z.infer<typeof Access>;

export const GoController = z.object({
  id: z.string(),
  aliases: z.array(z.string()).default([]),
  framework: z.string().default("controller-runtime"),
  named: z.string().optional(),
  reconcilerType: z.string().optional(),
  package: z.string(),
  file: z.string(),
  line: z.number(),
  for: KindRef.nullable(),
  owns: z.array(KindRef),
  watches: z.array(KindRef.extend({ mapper: z.string().optional(), location: z.string() })),
  reads: z.array(Access),
  writes: z.array(Access),
  registered: z.boolean(),
  maxWritesPerReconcile: z.number().int().min(0),
  fields: z.array(z.object({ name: z.string(), type: z.string() })),
  packageVars: z.array(z.string()),
  packageVarWrites: z.array(z.string()).default([]),
});
export type GoController = z.infer<typeof GoController>;

export const GoSurfaceOutput = z.object({
  module: z.string(),
  controllers: z.array(GoController),
  packageVars: z.array(
    z.object({ name: z.string(), init: z.string().default(""), package: z.string(), location: z.string() }),
  ),
  notes: z.array(z.object({ location: z.string(), message: z.string() })),
});
export type GoSurfaceOutput = z.infer<typeof GoSurfaceOutput>;
