package main

// The JSON this program prints: raw facts about controller-runtime wiring. ctrlhunt turns them into a surface
// map (src/phases/map/go-model.ts); every judgement (roles, windows, shared state) is made there, not here.

type KindRef struct {
	Kind     string `json:"kind"`
	GVK      string `json:"gvk,omitempty"`
	Resolved bool   `json:"resolved"`
	// noStatus: the Go type has no Status field, so a status write of it (a patch helper's) never happens.
	noStatus bool
}

type Watch struct {
	KindRef
	Mapper   string `json:"mapper,omitempty"`
	Location string `json:"location"`
}

type Access struct {
	Kind        string `json:"kind"`
	GVK         string `json:"gvk,omitempty"`
	Op          string `json:"op"`
	Surface     string `json:"surface,omitempty"`
	Conditional bool   `json:"conditional"`
	InLoop      bool   `json:"inLoop"`
	Via         string `json:"via,omitempty"`
	// Client is "" for the manager's cached client (or an informer lister), "uncached" for reads that go to
	// the API server directly (APIReader, a clientset), "remote" for another cluster's client.
	Client   string `json:"client,omitempty"`
	Location string `json:"location"`
}

type Field struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

type Controller struct {
	ID string `json:"id"`
	// Aliases are IDs this controller had in earlier maps (the bare type name before it was package-qualified,
	// or before a kit registration named it); `ctrlhunt scenario migrate` rewrites them.
	Aliases []string `json:"aliases"`
	// Framework: "controller-runtime" (builder), "client-go" (informer handlers + workqueue), "kit" (registered
	// only through a harness kit call).
	Framework string `json:"framework"`
	// Named is the builder's Named(…) argument; key is the reconciler's package-qualified type.
	Named          string `json:"named,omitempty"`
	key            string
	ReconcilerType string    `json:"reconcilerType,omitempty"`
	Package        string    `json:"package"`
	File           string    `json:"file"`
	Line           int       `json:"line"`
	For            *KindRef  `json:"for"`
	Owns           []KindRef `json:"owns"`
	Watches        []Watch   `json:"watches"`
	Reads          []Access  `json:"reads"`
	Writes         []Access  `json:"writes"`
	Registered     bool      `json:"registered"`
	// MaxWritesPerReconcile is the most writes one Reconcile call can issue (longest path, helpers followed).
	MaxWritesPerReconcile int      `json:"maxWritesPerReconcile"`
	Fields                []Field  `json:"fields"`
	PackageVars           []string `json:"packageVars"`
	// PackageVarWrites: the package variables its reconcile changes (shared state needs a writer).
	PackageVarWrites []string `json:"packageVarWrites"`
}

type PackageVar struct {
	Name     string `json:"name"`
	Init     string `json:"init"`
	Package  string `json:"package"`
	Location string `json:"location"`
}

type Note struct {
	Location string `json:"location"`
	Message  string `json:"message"`
}

type Output struct {
	Module      string       `json:"module"`
	Controllers []Controller `json:"controllers"`
	PackageVars []PackageVar `json:"packageVars"`
	Notes       []Note       `json:"notes"`
}
