import { kroLite } from "../kro-lite/model/index.ts";

/** kro-lite-fixed: clean control — the instance controller re-applies missing/drifted children. See README.md. */
export default kroLite("fixed");
