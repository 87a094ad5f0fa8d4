import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

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
});
