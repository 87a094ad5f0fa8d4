package kit

import (
	"context"
	"fmt"

	"github.com/tgoodwin/kamera/pkg/replay"
	"github.com/tgoodwin/kamera/pkg/tag"
	"github.com/tgoodwin/kamera/pkg/tracecheck"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
)

// guarded wraps a target's constructor: the reconciler gets a client that refuses what this kamera version cannot
// model, and a panic inside Reconcile (the target's, or kamera's client validation, which panics on an update of
// an object missing from the true state) becomes a reconcile error, so kamera aborts that branch with the panic text
// instead of the whole process dying without a dump.
func guarded(id string, ctor tracecheck.ReconcilerConstructor, frames *frameLog) tracecheck.ReconcilerConstructor {
	return func(c client.Client) tracecheck.Reconciler {
		return &panicGuard{id: id, inner: ctor(&kitClient{Client: c}), frames: frames}
	}
}

type panicGuard struct {
	id     string
	inner  reconcile.Reconciler
	frames *frameLog
}

func (g *panicGuard) Reconcile(ctx context.Context, req reconcile.Request) (res reconcile.Result, err error) {
	defer func() { g.frames.record(replay.FrameIDFromContext(ctx), req, res.Requeue) }()
	defer func() {
		if r := recover(); r != nil {
			res, err = reconcile.Result{}, fmt.Errorf("panic in %s reconciling %s: %v", g.id, req.NamespacedName, r)
		}
	}()
	res, err = g.inner.Reconcile(ctx, req)
	if err == nil && res.RequeueAfter > 0 {
		// kamera cb1c3f3 has no RequeueAfter: dropping it silently would hide a reconciler's polling.
		err = fmt.Errorf("%s returned RequeueAfter=%s, which this kamera version cannot model", g.id, res.RequeueAfter)
	}
	return res, err
}

// kitClient is the client a target's reconciler sees. Created objects get kamera's sleeve object id (what kamera's
// instrumented client adds), and writes to cluster-scoped objects are refused: this kamera version's trigger
// manager cannot enqueue for an object without a namespace and would panic outside any reconcile.
type kitClient struct {
	client.Client
}

func clusterScoped(obj client.Object, op string) error {
	if obj.GetNamespace() != "" {
		return nil
	}
	return fmt.Errorf("%s of cluster-scoped %s %q refused: kamera cb1c3f3 cannot trigger on cluster-scoped objects",
		op, obj.GetObjectKind().GroupVersionKind().Kind, obj.GetName())
}

func (c *kitClient) Create(ctx context.Context, obj client.Object, opts ...client.CreateOption) error {
	if err := clusterScoped(obj, "create"); err != nil {
		return err
	}
	tag.AddSleeveObjectID(obj)
	return c.Client.Create(ctx, obj, opts...)
}

func (c *kitClient) Update(ctx context.Context, obj client.Object, opts ...client.UpdateOption) error {
	if err := clusterScoped(obj, "update"); err != nil {
		return err
	}
	return c.Client.Update(ctx, obj, opts...)
}

func (c *kitClient) Patch(ctx context.Context, obj client.Object, patch client.Patch, opts ...client.PatchOption) error {
	if err := clusterScoped(obj, "patch"); err != nil {
		return err
	}
	return c.Client.Patch(ctx, obj, patch, opts...)
}

func (c *kitClient) Delete(ctx context.Context, obj client.Object, opts ...client.DeleteOption) error {
	if err := clusterScoped(obj, "delete"); err != nil {
		return err
	}
	return c.Client.Delete(ctx, obj, opts...)
}

func (c *kitClient) Status() client.SubResourceWriter {
	return &kitStatus{inner: c.Client.Status()}
}

type kitStatus struct {
	inner client.SubResourceWriter
}

func (s *kitStatus) Create(ctx context.Context, obj client.Object, sub client.Object, opts ...client.SubResourceCreateOption) error {
	if err := clusterScoped(obj, "status create"); err != nil {
		return err
	}
	return s.inner.Create(ctx, obj, sub, opts...)
}

func (s *kitStatus) Update(ctx context.Context, obj client.Object, opts ...client.SubResourceUpdateOption) error {
	if err := clusterScoped(obj, "status update"); err != nil {
		return err
	}
	return s.inner.Update(ctx, obj, opts...)
}

func (s *kitStatus) Patch(ctx context.Context, obj client.Object, patch client.Patch, opts ...client.SubResourcePatchOption) error {
	if err := clusterScoped(obj, "status patch"); err != nil {
		return err
	}
	return s.inner.Patch(ctx, obj, patch, opts...)
}
