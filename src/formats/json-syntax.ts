/**
 * Where a JSON text first goes wrong. Node 20's JSON.parse does not always say ("Unexpected token '}', … is
 * not valid JSON" carries no position), so this small scanner finds the offset itself. Returns -1 for valid text.
 */
export function jsonErrorOffset(text: string): number {
  let pos = 0;
  const fail = (at: number): never => {
    throw new ScanError(at);
  };
  const ws = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos] as string)) pos++;
  };
  const literal = (word: string) => {
    for (let i = 0; i < word.length; i++) if (text[pos + i] !== word[i]) fail(pos + i);
    pos += word.length;
  };
  const digits = () => {
    const start = pos;
    while (pos < text.length && text[pos]! >= "0" && text[pos]! <= "9") pos++;
    if (pos === start) fail(pos);
  };
  const number = () => {
    if (text[pos] === "-") pos++;
    if (text[pos] === "0") pos++;
    else digits();
    if (text[pos] === ".") {
      pos++;
      digits();
    }
    if (text[pos] === "e" || text[pos] === "E") {
      pos++;
      if (text[pos] === "+" || text[pos] === "-") pos++;
      digits();
    }
  };
  const string = () => {
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail(pos);
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c < 0x20) fail(pos);
      if (c === 92) {
        const e = text[pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail(pos + 1);
          pos += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(pos + 1);
        pos += 2;
        continue;
      }
      pos++;
    }
    pos++; // closing quote
  };
  const container = (close: string, member: () => void) => {
    pos++;
    ws();
    if (text[pos] === close) {
      pos++;
      return;
    }
    for (;;) {
      member();
      ws();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        return;
      }
      fail(pos);
    }
  };
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === "{")
      container("}", () => {
        ws();
        if (text[pos] !== '"') fail(pos);
        string();
        ws();
        if (text[pos] !== ":") fail(pos);
        pos++;
        value();
      });
    else if (c === "[") container("]", value);
    else if (c === '"') string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else fail(pos);
  };
  try {
    value();
    ws();
    return pos < text.length ? pos : -1;
  } catch (e) {
    if (e instanceof ScanError) return Math.min(e.offset, text.length);
    throw e;
  }
}

class ScanError {
  constructor(readonly offset: number) {}
}
