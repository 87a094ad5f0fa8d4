import { karpenterLite } from "../karpenter-lite/model/index.ts";

/** karpenter-lite-fixed: clean control — in-flight NodeClaims count against limits.nodes. See README.md. */
export default karpenterLite("fixed");
