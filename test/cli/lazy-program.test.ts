import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/cli/commands/catalog.ts";
import type { CliContext } from "../../src/cli/io.ts";
import { programFor } from "../../src/cli/lazy-program.ts";
import { buildProgram } from "../../src/cli/program.ts";

function capture(): { ctx: CliContext; text: () => string } {
  let out = "";
  return {
    ctx: {
      io: {
        out: (t) => {
          out += t;
        },
        err: () => {},
        isTTY: false,
      },
      cwd: ".",
      env: {},
      exitCode: 0,
    },
    text: () => out,
  };
}

const rootHelp = (program: Command, c: ReturnType<typeof capture>) => {
  program.configureOutput({ ...program.configureOutput(), getOutHelpWidth: () => 100 });
  program.outputHelp();
  return c.text();
};

describe("the CLI loads only the command it runs (issue #12 row 15)", () => {
  it("`ctrlhunt --help` from the catalog is the full tree's help, word for word", async () => {
    const lazy = capture();
    const full = capture();
    expect(rootHelp(await programFor(lazy.ctx, ["--help"]), lazy)).toBe(
      rootHelp(buildProgram(full.ctx), full),
    );
  });

  it("the catalog lists every top-level command, in order, with its real description", () => {
    const full = buildProgram(capture().ctx);
    expect(CATALOG.map((c) => [c.name, c.description])).toEqual(
      full.commands.map((c) => [c.name(), c.description()]),
    );
  });

  it("the invoked command is registered for real, the others are one-line stubs", async () => {
    const program = await programFor(capture().ctx, ["lint", "--json"]);
    const lint = program.commands.find((c) => c.name() === "lint");
    expect(lint?.options.map((o) => o.long)).toContain("--json");
    expect(program.commands.find((c) => c.name() === "hunt")?.options).toEqual([]);
    const help = await programFor(capture().ctx, ["help", "scenario"]);
    expect(help.commands.find((c) => c.name() === "scenario")?.commands.length).toBeGreaterThan(0);
  });
});
