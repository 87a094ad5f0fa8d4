import { crossplaneLite } from "./model/index.ts";

/** crossplane-lite: XRs act on the revisions their cache shows and never watch (Crossplane F1/F5). See README.md. */
export default crossplaneLite();
