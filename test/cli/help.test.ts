import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import { runCli } from "../helpers/run-cli.ts";

/** Every command path of the CLI, from the real command tree. */
function commandPaths(): string[][] {
  const program = buildProgram({ io: { out() {}, err() {}, isTTY: false }, cwd: ".", env: {}, exitCode: 0 });
  const out: string[][] = [];
  const walk = (c: Command, names: string[]) => {
    for (const sub of c.commands) {
      out.push([...names, sub.name()]);
      walk(sub, [...names, sub.name()]);
    }
  };
  walk(program, []);
  return out;
}

describe("ctrlhunt --help", () => {
  it("prints usage with an example and exits 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: ctrlhunt");
    expect(r.stdout).toMatch(/\$ ctrlhunt /);
  });

  it("rejects an unknown command with usage exit code 2 and no stack trace", async () => {
    const r = await runCli(["no-such-command"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(commandPaths().map((p) => [p.join(" "), p]))(
    "`ctrlhunt %s --help` has a description and an example",
    async (_n, p) => {
      const r = await runCli([...p, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: ctrlhunt ${p.join(" ")}`);
      const description = r.stdout.split("\n")[2] ?? "";
      expect(description.trim().length).toBeGreaterThan(10);
      expect(r.stdout).toContain("Examples:");
      expect(r.stdout).toContain(`$ ctrlhunt ${p.join(" ")}`);
    },
  );
});

describe("ctrlhunt scenario subcommands", () => {
  it.each(["validate", "migrate", "lint", "resolve"])(
    "scenario %s offers --json (its output is data)",
    async (sub) => {
      const r = await runCli(["scenario", sub, "--help"]);
      expect(r.stdout).toMatch(/--json\s+\S/);
    },
  );

  it("scenario schema explains that its output is JSON already", async () => {
    const r = await runCli(["scenario", "schema", "--help"]);
    expect(r.stdout).toContain("The output is JSON already");
  });

  it("scenario lint lists its rules with their severity", async () => {
    const r = await runCli(["scenario", "lint", "--help"]);
    expect(r.stdout).toMatch(/kind-not-canonical \(error\)\n\s+tuning kinds are canonical/);
    expect(r.stdout).toContain("legacy-staleness (warning)");
  });
});
