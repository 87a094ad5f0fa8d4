// Module resolve hook: `import ... from "ctrlhunt"` in a user's project.ts resolves to the running ctrlhunt's own
// API (one instance, whatever folder the workspace is in, installed or not).
let selfUrl;

export function initialize(data) {
  selfUrl = data.url;
}

export async function resolve(specifier, context, next) {
  if (specifier === "ctrlhunt") return { url: selfUrl, shortCircuit: true, format: "module" };
  return next(specifier, context);
}
