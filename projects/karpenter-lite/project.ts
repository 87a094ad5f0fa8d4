import { karpenterLite } from "./model/index.ts";

/** karpenter-lite: the limit-bypass provisioner (Karpenter D1). See README.md. */
export default karpenterLite("buggy");
