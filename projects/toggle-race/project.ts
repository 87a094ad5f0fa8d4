import { toggleRace } from "./model/index.ts";

/** toggle-race: three controllers race to own one Toggle; the desired owner defers to the first claimer. See README.md. */
export default toggleRace("buggy");
