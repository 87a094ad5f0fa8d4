import type { UserAction } from "../config/index.ts";
import {
  cloneJson,
  keyStrOf,
  kindOfObject,
  type Pending,
  type StateNode,
  type StepRecord,
  trueView,
} from "../state/index.ts";
import { materializeChild } from "./child.ts";
import type { StepEnv } from "./env.ts";
import { Frame } from "./frame.ts";
import { USER_ID } from "./registry.ts";
import { filterStaleTriggers } from "./stale-filter.ts";
import { triggeredBy } from "./triggers.ts";

export type UserActionOutcome =
  | { ok: true; child: StateNode; step: StepRecord; triggered: Pending[] }
  | { ok: false; error: string };

/**
 * An external input (spec §4.6), run as `External User` against the TRUE state. UPDATE without a
 * resourceVersion is a read-modify-write (the live RV is copied in); DELETE marks for deletion. Errors abort.
 */
export function runUserAction(env: StepEnv, node: StateNode, action: UserAction): UserActionOutcome {
  const frame = new Frame({
    controllerId: USER_ID,
    view: trueView(node.objects),
    objects: node.objects,
    kindSeq: node.kindSeq,
    events: node.events,
    depth: node.depth,
    store: env.store,
    knownIds: env.reg.ids,
  });
  const obj = cloneJson(action.object);
  const key = { namespace: obj.metadata?.namespace ?? "", name: obj.metadata?.name ?? "" };
  const kind = kindOfObject(obj);
  // [inferred] A CREATE converted to UPDATE (the seed held the object) re-creates it once it is gone,
  // so delete-then-recreate scenarios keep their meaning.
  const recreate =
    action.fromCreate === true && !node.objects.get(kind, keyStrOf(kind, key.namespace, key.name));
  const opType = recreate ? "CREATE" : action.opType;
  try {
    if (opType === "CREATE") frame.create(obj);
    else if (opType === "DELETE") frame.delete(kind, key);
    else {
      if (!obj.metadata?.resourceVersion) {
        const live = frame.get(kind, key);
        if (live) obj.metadata.resourceVersion = live.metadata.resourceVersion;
      }
      frame.update(obj);
    }
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const triggered = filterStaleTriggers(
    env,
    node,
    triggeredBy(frame.effects, env.reg, env.store, frame.objects),
    frame.effects,
  );
  const { child, step } = materializeChild(env, node, {
    frame,
    consumed: null,
    added: triggered,
    record: {
      controllerId: USER_ID,
      request: key,
      stepMetadata: {
        "userAction.id": action.id,
        "userAction.index": String(action.index),
        "userAction.type": opType,
      },
      effects: frame.effects,
      observations: frame.observations,
    },
    userIdx: node.userIdx + 1,
    crashed: node.crashed,
    restart: node.restart,
  });
  return { ok: true, child, step, triggered };
}
