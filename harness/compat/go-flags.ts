/**
 * Command-line flags the way Go's `flag` package reads them, so this command accepts exactly what a kamera
 * harness accepts: `-x` or `--x`, `--x=v`, `--x v` (not for booleans, which need `--x=false`), parsing stops at
 * the first non-flag word or `--`, `-h`/`-help` asks for usage.
 */

export type FlagType = "string" | "bool" | "int" | "duration";
export type FlagValue = string | boolean | number;

export interface FlagSpec {
  name: string;
  type: FlagType;
  default: FlagValue;
  usage: string;
}

export type FlagParse =
  | { kind: "ok"; values: Record<string, FlagValue>; rest: string[] }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** Go duration text (`90s`, `1m30s`, `1500ms`, `0`) → milliseconds; undefined when malformed. */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const unit: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  return pos === 0 ? undefined : total;
}

type Converted = { ok: true; value: FlagValue } | { ok: false; error: string };

function convert(spec: FlagSpec, raw: string): Converted {
  const bad: Converted = { ok: false, error: `invalid value "${raw}" for flag -${spec.name}: parse error` };
  switch (spec.type) {
    case "string":
      return { ok: true, value: raw };
    case "bool":
      if (["1", "t", "T", "true", "TRUE", "True"].includes(raw)) return { ok: true, value: true };
      if (["0", "f", "F", "false", "FALSE", "False"].includes(raw)) return { ok: true, value: false };
      return bad;
    case "int":
      return /^[+-]?\d+$/.test(raw) ? { ok: true, value: Number(raw) } : bad;
    case "duration": {
      const ms = parseGoDuration(raw);
      return ms === undefined ? bad : { ok: true, value: ms };
    }
  }
}

export function parseGoFlags(argv: string[], specs: FlagSpec[]): FlagParse {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values: Record<string, FlagValue> = Object.fromEntries(specs.map((s) => [s.name, s.default]));
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i];
    if (arg === "--") return { kind: "ok", values, rest: argv.slice(i + 1) };
    if (arg.length < 2 || arg[0] !== "-") break;
    const body = arg.startsWith("--") ? arg.slice(2) : arg.slice(1);
    const eq = body.indexOf("=");
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = byName.get(name);
    if (!spec) {
      if (name === "h" || name === "help") return { kind: "help" };
      return { kind: "error", message: `flag provided but not defined: -${name}` };
    }
    let raw: string;
    if (eq >= 0) raw = body.slice(eq + 1);
    else if (spec.type === "bool") raw = "true";
    else if (i + 1 < argv.length) raw = argv[++i];
    else return { kind: "error", message: `flag needs an argument: -${name}` };
    const v = convert(spec, raw);
    if (!v.ok) return { kind: "error", message: v.error };
    values[name] = v.value;
    i++;
  }
  return { kind: "ok", values, rest: argv.slice(i) };
}

/** Usage text in the layout of Go's `flag.PrintDefaults` (sorted, type word after the name, default noted). */
export function goUsage(program: string, specs: FlagSpec[]): string {
  const lines = [`Usage of ${program}:`];
  for (const s of [...specs].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(s.type === "bool" ? `  -${s.name}` : `  -${s.name} ${s.type}`);
    const isZero = s.default === false || s.default === 0 || s.default === "";
    const shown = s.type === "string" ? JSON.stringify(s.default) : String(s.default);
    lines.push(`    \t${s.usage}${isZero ? "" : ` (default ${shown})`}`);
  }
  return `${lines.join("\n")}\n`;
}
