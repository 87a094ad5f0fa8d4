import { kratixLite } from "../kratix-lite/model/index.ts";

/** kratix-lite-fixed: clean control — one writer aggregates the Work's Ready condition. See README.md. */
export default kratixLite("fixed");
