// Is dist/ (the compiled CLI) at least as new as src/? In a git checkout sources get edited, so a stale build must
// not shadow them; an installed package (no .git) trusts its build.
import fs from "node:fs";

const root = new URL("../", import.meta.url);

function mtime(url) {
  try {
    return fs.statSync(url).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) newest = Math.max(newest, fs.statSync(`${e.parentPath}/${e.name}`).mtimeMs);
  return newest;
}

export function compiledIsFresh() {
  const built = mtime(new URL("dist/.built", root));
  if (built === undefined) return false;
  if (mtime(new URL(".git", root)) === undefined) return true;
  return built >= newestSource(new URL("src", root).pathname);
}
