import { describe, expect, it } from "vitest";
import { harnessArgs, parseHarnessHelp } from "../../src/engine/kamera/index.ts";

const GO_USAGE = `Usage of kro-harness:
  -closed-loop
    \trun reference then perturbation phases (default true)
  -depth int
    \tdefault exploration depth (default 10)
  -emit-stats
    \trecord perf stats
  -inputs string
    \tpath to the inputs file
  -interactive
    \tlaunch the TUI inspector (default true)
  -no-perturbations
    \tstrip perturbation config
  -output string
    \tdump destination
  -timeout duration
    \tabort exploration after this time`;

const COBRA_USAGE = `Flags:
      --closed-loop         run closed loop (default true)
  -d, --depth int           depth (default 10)
  -h, --help                help for harness
      --inputs string       inputs
      --interactive         tui (default true)
      --no-perturbations    strip
      --output string       dumps`;

const io = { inputs: "/w/s.json", output: "/w/run/dumps" };

describe("closed-loop flag detection from -h output", () => {
  it("finds --closed-loop in Go flag usage and ignores description words", () => {
    const f = parseHarnessHelp(GO_USAGE);
    expect(f.closedLoop).toBe("closed-loop");
    expect(f.names).toContain("no-perturbations");
    expect(f.names).not.toContain("run");
  });

  it("finds flags in cobra usage, including the long name after a shorthand", () => {
    const f = parseHarnessHelp(COBRA_USAGE);
    expect(f.closedLoop).toBe("closed-loop");
    expect(f.names).toEqual(expect.arrayContaining(["d", "depth", "inputs", "output"]));
  });

  it("falls back to --perturb for older harnesses", () => {
    expect(parseHarnessHelp(GO_USAGE.replace("-closed-loop", "-perturb")).closedLoop).toBe("perturb");
  });
});

describe("run mode → harness flags (Phase D)", () => {
  const flags = parseHarnessHelp(GO_USAGE);

  it("reference = closed-loop off plus --no-perturbations", () => {
    expect(harnessArgs("reference", flags, io)).toEqual([
      "--inputs",
      "/w/s.json",
      "--output",
      "/w/run/dumps",
      "--interactive=false",
      "--closed-loop=false",
      "--no-perturbations",
    ]);
  });

  it("exploration = closed-loop off, tuning as written; closed-loop = on", () => {
    const exploration = harnessArgs("exploration", flags, io);
    expect(exploration).toContain("--closed-loop=false");
    expect(exploration).not.toContain("--no-perturbations");
    expect(harnessArgs("closed-loop", flags, io)).toContain("--closed-loop=true");
  });

  it("uses the detected name and adds depth and a Go duration timeout when offered", () => {
    const old = parseHarnessHelp(GO_USAGE.replace("-closed-loop", "-perturb"));
    const args = harnessArgs("exploration", old, { ...io, maxDepth: 40, harnessTimeoutMs: 1500.7 });
    expect(args).toContain("--perturb=false");
    expect(args.join(" ")).toContain("--depth 40 --timeout 1500ms");
  });

  it("refuses reference mode on a harness without --no-perturbations and speaks older --dump-output", () => {
    const bare = parseHarnessHelp("  -inputs string\n  -interactive\n  -dump-output string\n");
    expect(() => harnessArgs("reference", bare, io)).toThrow(/no-perturbations/);
    expect(() => harnessArgs("closed-loop", bare, io)).toThrow(/closed-loop flag/);
    expect(harnessArgs("exploration", bare, io)).toContain("--dump-output");
  });
});
