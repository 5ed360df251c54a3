# ttsbench: `make demo` runs the main job offline, `make test` runs the tests.
# Both install what they need first (scripts/setup.sh is idempotent).

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

GO      ?= go
BIN     := bin/ttsbench
CACHE   := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ttsbench
STANDIN := $(CACHE)/models/standin-kokoro
REAL    := $(CACHE)/models/Kokoro-82M-v1.0-ONNX
OUTPUT  ?= results
# The demo keeps the default matrix but measures 3 repetitions per cell
# instead of 5 so that all eight variants finish within minutes on 2 cores.
DEMO_FLAGS ?= --repetitions 3
FUZZTIME ?= 5s

.PHONY: all setup build demo bench test fuzz vet clean

all: build

setup:
	@bash scripts/setup.sh

# The revision is stamped explicitly because Go records none when
# GOFLAGS has -buildvcs=false.
REVISION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

build: setup
	$(GO) build -ldflags "-X github.com/ttsbench/ttsbench/internal/bench.revision=$(REVISION)" -o $(BIN) ./cmd/ttsbench

# The main job, offline: a generated stand-in with Kokoro's shape and size,
# the real voice packs, real espeak-ng and ONNX Runtime.
demo: build
	$(BIN) models standin $(STANDIN) --size kokoro
	$(BIN) run --models-dir $(STANDIN) --output $(OUTPUT) $(DEMO_FLAGS)

# The same benchmark on the real Kokoro-82M-v1.0-ONNX files, downloaded first.
bench: build
	$(BIN) models pull $(REAL)
	$(BIN) run --models-dir $(REAL) --output $(OUTPUT)

vet:
	$(GO) vet ./...

test: setup vet
	$(GO) test -race -count=1 ./...
	$(MAKE) --no-print-directory fuzz

# Each fuzz target runs briefly; raise FUZZTIME to search longer, e.g.
# make fuzz FUZZTIME=10m
fuzz:
	@FUZZTIME=$(FUZZTIME) GO=$(GO) bash scripts/fuzz.sh

clean:
	rm -rf bin
