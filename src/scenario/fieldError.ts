// A value the model refuses once it puts the scenario together (a replication link slower than the
// writes it must carry): thrown by the model's compile step with the field it comes from, so the
// loader — which compiles every scenario it loads — locates it like a schema error, and `validate`
// finds everything `run` would refuse.
import { UserError } from "../errors.js";

export class FieldError extends UserError {
  override readonly name: string = "FieldError";
  constructor(
    /** The field as written in a scenario, e.g. ["replication", "bandwidth"]. */
    readonly path: readonly string[],
    /** What is wrong with it, without the field's name. */
    readonly problem: string,
  ) {
    super(`${path.join(".")}: ${problem}`);
  }
}
