import { describe, expect, it } from "vitest";
import { COMPAT_FLAGS, compatRun } from "../../harness/compat/options.ts";
import { goUsage, parseGoDuration, parseGoFlags } from "../../harness/compat/go-flags.ts";
import { parseHarnessHelp } from "../../src/engine/kamera/index.ts";

const parse = (...argv: string[]) => parseGoFlags(argv, COMPAT_FLAGS);

describe("the compat harness reads flags like a Go kamera harness", () => {
  it("accepts -x, --x, --x=v and --x v, and needs --x=false for booleans", () => {
    const r = parse(
      "-inputs",
      "s.json",
      "--output=out",
      "--interactive=false",
      "--closed-loop=false",
      "-depth",
      "40",
    );
    expect(r).toMatchObject({
      kind: "ok",
      values: { inputs: "s.json", output: "out", interactive: false, "closed-loop": false, depth: 40 },
    });
    // Go's flag package: a bare boolean is true and the next word ends flag parsing.
    expect(parse("--closed-loop", "false")).toMatchObject({
      values: { "closed-loop": true },
      rest: ["false"],
    });
  });

  it("rejects unknown flags and bad values with Go's messages, and answers -h with help", () => {
    expect(parse("--perturb=false")).toEqual({
      kind: "error",
      message: "flag provided but not defined: -perturb",
    });
    expect(parse("--depth", "ten")).toMatchObject({
      kind: "error",
      message: expect.stringContaining("-depth"),
    });
    expect(parse("--inputs")).toEqual({ kind: "error", message: "flag needs an argument: -inputs" });
    expect(parse("-h")).toEqual({ kind: "help" });
  });

  it("reads Go durations", () => {
    expect(parseGoDuration("90s")).toBe(90_000);
    expect(parseGoDuration("1m30s")).toBe(90_000);
    expect(parseGoDuration("1500ms")).toBe(1500);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("0")).toBe(0);
    expect(parseGoDuration("90")).toBeUndefined();
  });

  it("prints usage the adapter's flag detection understands", () => {
    const flags = parseHarnessHelp(goUsage("ctrlhunt-harness", COMPAT_FLAGS));
    expect(flags.closedLoop).toBe("closed-loop");
    expect(flags.names).toEqual(
      expect.arrayContaining(["inputs", "output", "interactive", "no-perturbations"]),
    );
  });

  it("maps the flag combination to a run mode the way kamera's guide does", () => {
    const mode = (...argv: string[]) => {
      const r = parse(
        "--inputs",
        "s.json",
        "--output",
        "o",
        "--interactive=false",
        "--project",
        "p",
        ...argv,
      );
      if (r.kind !== "ok") throw new Error(r.kind);
      const run = compatRun(r.values, {});
      return run.ok ? run.run.mode : run.message;
    };
    expect(mode("--closed-loop=false", "--no-perturbations")).toBe("reference");
    expect(mode("--closed-loop=false")).toBe("exploration");
    expect(mode()).toBe("closed-loop");
    expect(mode("--interactive")).toMatch(/--interactive=false/);
  });

  it("takes the project from CTRLHUNT_HARNESS_PROJECT when no flag names one", () => {
    const r = parseGoFlags(["--inputs", "s", "--output", "o", "--interactive=false"], COMPAT_FLAGS);
    if (r.kind !== "ok") throw new Error(r.kind);
    expect(compatRun(r.values, { CTRLHUNT_HARNESS_PROJECT: "/p" })).toMatchObject({ run: { project: "/p" } });
    expect(compatRun(r.values, {})).toMatchObject({
      ok: false,
      message: expect.stringContaining("--project"),
    });
  });
});
