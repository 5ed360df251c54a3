package hub

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// TestErrorMessages pins the wording of the errors users see; run with
// -update after an intended change.
func TestErrorMessages(t *testing.T) {
	t.Parallel()
	const url = "https://hub.example/o/r/resolve/main/onnx/model.onnx"
	file := func(e HTTPError) *HTTPError {
		e.URL, e.Repo, e.Revision = url, "o/r", "main"
		return &e
	}
	cases := []struct {
		name string
		err  error
	}{
		{"401 without token", file(HTTPError{StatusCode: 401, Code: "GatedRepo", Path: "onnx/model.onnx"})},
		{"401 with token", file(HTTPError{StatusCode: 401, Path: "onnx/model.onnx", TokenSet: true})},
		{"403 without token", file(HTTPError{StatusCode: 403, Path: "onnx/model.onnx"})},
		{"403 with token", file(HTTPError{StatusCode: 403, Code: "GatedRepo", Path: "onnx/model.onnx", TokenSet: true})},
		{"repository not found", file(HTTPError{StatusCode: 401, Code: "RepoNotFound"})},
		{"repository not found with token", file(HTTPError{StatusCode: 404, Code: "RepoNotFound", TokenSet: true})},
		{"revision not found", file(HTTPError{StatusCode: 404, Code: "RevisionNotFound"})},
		{"file not found", file(HTTPError{StatusCode: 404, Code: "EntryNotFound", Path: "onnx/model.onnx"})},
		{"listing not found", file(HTTPError{StatusCode: 404})},
		{"server error", file(HTTPError{StatusCode: 500, Message: "Internal Error - We're working hard to fix this as soon as possible!"})},
		{"unreachable", &UnreachableError{URL: url, Err: errors.New("dial tcp: lookup hub.example: no such host")}},
	}
	var got strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&got, "%s: %v\n", c.name, c.err)
	}

	golden := filepath.Join("testdata", t.Name()+".golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("error messages differ from %s:\ngot:\n%s\nwant:\n%s", golden, got.String(), want)
	}
}

func TestErrorMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err          *HTTPError
		unauthorized bool
		notFound     bool
	}{
		{&HTTPError{StatusCode: 401}, true, false},
		{&HTTPError{StatusCode: 403}, true, false},
		{&HTTPError{StatusCode: 401, Code: "RepoNotFound"}, false, true},
		{&HTTPError{StatusCode: 404}, false, true},
		{&HTTPError{StatusCode: 500}, false, false},
	}
	for _, tt := range tests {
		wrapped := fmt.Errorf("pull: %w", tt.err)
		if got := errors.Is(wrapped, ErrUnauthorized); got != tt.unauthorized {
			t.Errorf("%d %s: Is(ErrUnauthorized) = %v", tt.err.StatusCode, tt.err.Code, got)
		}
		if got := errors.Is(wrapped, ErrNotFound); got != tt.notFound {
			t.Errorf("%d %s: Is(ErrNotFound) = %v", tt.err.StatusCode, tt.err.Code, got)
		}
	}
}
