/**
 * benign-first-come-tickets (clean control, benign nondeterminism). A talk has one free seat. Each Registration is
 * handled by RegistrationController: it counts the Tickets already issued for the talk and, if a seat is left,
 * issues a Ticket `<talk>-seat-1` for this registration; the create is the lock (AlreadyExists: the seat is gone,
 * the registration is waitlisted). Which of the two registrations gets the Ticket depends on which is handled first:
 * the Ticket object exists in both outcomes but names a different holder, and the other registrant is waitlisted.
 * Both outcomes are correct; the invariants say what "correct" means.
 */
import { defineController, defineProject, isAlreadyExists, type KubeObj } from "ctrlhunt";

const REGISTRATION = "demo.example/Registration";
const TICKET = "demo.example/Ticket";

type Registration = KubeObj & { spec?: { talk?: string }; status?: { state?: string } };
type Ticket = KubeObj & { spec?: { holder?: string; talk?: string } };

export default defineProject({
  name: "benign-first-come-tickets",
  controllers: [
    defineController({
      id: "RegistrationController",
      for: REGISTRATION,
      reconcile(ctx, req) {
        const reg = ctx.get<Registration>(REGISTRATION, req);
        const talk = reg?.spec?.talk;
        if (!reg || !talk || reg.status?.state) return;
        let state = "Confirmed";
        try {
          ctx.create({
            apiVersion: "demo.example/v1",
            kind: "Ticket",
            metadata: {
              name: `${talk}-seat-1`,
              namespace: req.namespace,
              labels: { "demo.example/holder": req.name },
            },
            spec: { talk, holder: req.name },
          });
        } catch (e) {
          if (!isAlreadyExists(e)) throw e;
          const seat = ctx.get<Ticket>(TICKET, { namespace: req.namespace, name: `${talk}-seat-1` });
          state = seat?.spec?.holder === req.name ? "Confirmed" : "Waitlisted";
        }
        ctx.updateStatus({ ...reg, status: { state } });
      },
    }),
  ],
  invariants: [
    {
      name: "confirmed registrations hold the ticket, the others are waitlisted",
      check(view) {
        return (view.list(REGISTRATION) as Registration[]).flatMap((r) => {
          const ns = r.metadata.namespace ?? "";
          const seat = view.get(TICKET, `${r.spec?.talk}-seat-1`, ns) as Ticket | null;
          const holds = seat?.spec?.holder === r.metadata.name;
          const ok =
            (r.status?.state === "Confirmed" && holds) ||
            (r.status?.state === "Waitlisted" && !holds && seat);
          return ok
            ? []
            : [
                {
                  message: `Registration ${ns}/${r.metadata.name} is ${r.status?.state ?? "unhandled"}; seat holder ${seat?.spec?.holder ?? "none"}`,
                  objects: [{ kind: REGISTRATION, namespace: ns, name: r.metadata.name }],
                },
              ];
        });
      },
    },
  ],
});
