module ctrlhunt.dev/harness/surface

go 1.21
