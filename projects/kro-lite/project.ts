import { kroLite } from "./model/index.ts";

/** kro-lite: the buggy applyset instance controller (KRO K2b). See README.md. */
export default kroLite("buggy");
