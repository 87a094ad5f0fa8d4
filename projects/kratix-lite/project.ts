import { kratixLite } from "./model/index.ts";

/** kratix-lite: two writers of the parent Work's Ready condition (Kratix K5). See README.md. */
export default kratixLite("buggy");
