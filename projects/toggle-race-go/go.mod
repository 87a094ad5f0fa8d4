module github.com/ctrlhunt/projects/toggle-race-go

go 1.24

require (
	github.com/ctrlhunt/harness/kamera v0.0.0
	github.com/tgoodwin/kamera v0.0.0-20251121215458-cb1c3f345cb4
)

// The harness kit lives in this repository; kamera itself is resolved by harness/kamera/kamera-harness.mjs.
replace github.com/ctrlhunt/harness/kamera => ../../harness/kamera
