package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const testRepo = "test-org/Kokoro-test"

// fileContent returns n bytes that differ between seeds.
func fileContent(n, seed int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*31 + seed*7 + i/251)
	}
	return b
}

// newTestClient returns a client for the fake hub that retries quickly.
func newTestClient(t *testing.T, h *fakeHub, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithEndpoint(h.api.URL), WithToken(""), WithRetry(3, time.Millisecond)}
	c, err := NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// listedFile returns path's entry from the fake hub's listing.
func listedFile(t *testing.T, c *Client, path string) File {
	t.Helper()
	files, err := c.ListFiles(context.Background(), testRepo, "main")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == path {
			return f
		}
	}
	t.Fatalf("%s not in listing %v", path, files)
	return File{}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func assertNoFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s exists (stat error %v), want it absent", path, err)
	}
}

func TestListFilesTree(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	model := fileContent(5000, 1)
	h.add("onnx/model.onnx", model, true)
	h.add("voices/af_bella.bin", fileContent(300, 2), true)
	h.add("config.json", []byte("{}\n"), false)
	h.add("README.md", []byte("# test\n"), false)
	h.pageSize = 2 // 6 entries with the two folders: three pages
	c := newTestClient(t, h)

	files, err := c.ListFiles(context.Background(), testRepo, "main")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if want := []string{"README.md", "config.json", "onnx/model.onnx", "voices/af_bella.bin"}; !slices.Equal(paths, want) {
		t.Fatalf("paths = %v, want %v", paths, want)
	}

	onnx := files[2]
	if onnx.Size != int64(len(model)) || onnx.SHA256 != sha256Hex(model) || !onnx.LFS() {
		t.Errorf("LFS file = %+v, want size %d, sha256 %s", onnx, len(model), sha256Hex(model))
	}
	config := files[1]
	if config.LFS() || config.BlobID != gitBlobID([]byte("{}\n")) || config.Size != 3 {
		t.Errorf("Git file = %+v, want no SHA256, blob id %s, size 3", config, gitBlobID([]byte("{}\n")))
	}

	var trees []fakeRequest
	for _, r := range h.requests() {
		if strings.HasPrefix(r.path, "/api/") {
			trees = append(trees, r)
		}
	}
	if len(trees) != 3 {
		t.Errorf("%d tree requests, want 3 pages", len(trees))
	}
	if trees[0].path != "/api/models/"+testRepo+"/tree/main" || trees[0].rawQuery != "recursive=true" {
		t.Errorf("first tree request = %s?%s", trees[0].path, trees[0].rawQuery)
	}
}

// TestListFilesDecodesHubJSON decodes a listing in the tree API's JSON shape,
// with the extra fields the hub may send. The ids, hashes and sizes in
// testdata/tree.json are invented.
func TestListFilesDecodesHubJSON(t *testing.T) {
	t.Parallel()
	var entries []treeEntry
	raw := readFile(t, filepath.Join("testdata", "tree.json"))
	if err := jsonUnmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, e := range entries {
		if e.Type != "file" {
			continue
		}
		f, err := e.file()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	want := []File{
		{Path: "config.json", Size: 44, BlobID: "a7b1f2bcb4ad2a4b5d9de1e1a8a5b6b0c6d2f6a1"},
		{Path: "onnx/model_q8f16.onnx", Size: 86033248, BlobID: "3e5b0d8f00b0f2a0e6dd3d24d47d1b9a0e5d6a3c",
			SHA256: "04ec5ca7e4de5a4c0e4e2b0f4d7d9a8d1b6f3e2c5a4b3c2d1e0f9a8b7c6d5e4f"},
	}
	if !slices.Equal(files, want) {
		t.Errorf("files = %+v\nwant %+v", files, want)
	}
}

func TestListFilesRejectsBadEntries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		entry string
	}{
		{"path escapes", `{"type":"file","path":"../x","size":1,"oid":"` + strings.Repeat("a", 40) + `"}`},
		{"absolute path", `{"type":"file","path":"/etc/x","size":1,"oid":"` + strings.Repeat("a", 40) + `"}`},
		{"short lfs oid", `{"type":"file","path":"x","size":1,"oid":"` + strings.Repeat("a", 40) + `","lfs":{"oid":"abc","size":1}}`},
		{"bad blob id", `{"type":"file","path":"x","size":1,"oid":"xyz"}`},
		{"negative size", `{"type":"file","path":"x","size":-1,"oid":"` + strings.Repeat("a", 40) + `"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e treeEntry
			if err := jsonUnmarshal([]byte(tt.entry), &e); err != nil {
				t.Fatal(err)
			}
			if f, err := e.file(); err == nil {
				t.Errorf("entry %s accepted as %+v", tt.entry, f)
			}
		})
	}
}

func TestDownloadLFSThroughRedirect(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(3*copyBufferBytes+123, 3)
	h.add("onnx/model.onnx", content, true)
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "onnx", "model.onnx")
	var events []Progress
	res, err := c.Download(context.Background(), testRepo, "main", f, dest, func(p Progress) { events = append(events, p) })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	assertNoFile(t, dest+PartSuffix)
	if res.Status != Downloaded || res.ReceivedBytes != int64(len(content)) || res.Dest != dest {
		t.Errorf("result = %+v, want Downloaded, %d bytes received", res, len(content))
	}
	if got := h.contentRequests("onnx/model.onnx"); !slices.Equal(got, []string{""}) {
		t.Errorf("storage requests with Range %q, want one without Range", got)
	}

	if len(events) < 2 || events[0].DoneBytes != 0 || events[len(events)-1].DoneBytes != int64(len(content)) {
		t.Fatalf("progress events %+v, want 0 first and %d last", events, len(content))
	}
	for i, e := range events {
		if e.TotalBytes != int64(len(content)) || e.Path != f.Path {
			t.Errorf("event %d = %+v", i, e)
		}
		if i > 0 && e.DoneBytes < events[i-1].DoneBytes {
			t.Errorf("progress went back from %d to %d", events[i-1].DoneBytes, e.DoneBytes)
		}
	}
}

func TestDownloadGitFileBlobID(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	h.add("hello.txt", []byte("hello\n"), false)
	c := newTestClient(t, h)
	f := listedFile(t, c, "hello.txt")
	// The Git blob id of "hello\n", as "git hash-object" prints it.
	if f.BlobID != "ce013625030ba8dba906f756967f9e9ca394464a" {
		t.Fatalf("BlobID = %s", f.BlobID)
	}

	dest := filepath.Join(t.TempDir(), "hello.txt")
	if _, err := c.Download(context.Background(), testRepo, "main", f, dest, nil); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dest); string(got) != "hello\n" {
		t.Errorf("content = %q", got)
	}

	// The same file with a different blob id in the listing fails the check.
	f.BlobID = strings.Repeat("0", 40)
	_, err := c.Download(context.Background(), testRepo, "main", f, filepath.Join(t.TempDir(), "x"), nil)
	if !errors.Is(err, ErrChecksum) {
		t.Errorf("err = %v, want ErrChecksum", err)
	}
}

func TestDownloadResumesAfterCut(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(200_000, 4)
	h.add("onnx/model.onnx", content, true)
	h.queue("onnx/model.onnx", fault{cutAfter: 70_000}, fault{cutAfter: 50_000})
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	res, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	want := []string{"", "bytes=70000-", "bytes=120000-"}
	if got := h.contentRequests("onnx/model.onnx"); !slices.Equal(got, want) {
		t.Errorf("Range headers = %q, want %q", got, want)
	}
	if res.Status != Downloaded || res.ReceivedBytes != int64(len(content)) {
		t.Errorf("result = %+v, want Downloaded with %d bytes received", res, len(content))
	}
}

// TestDownloadManyCutsWithProgress checks that attempts that receive data do
// not use up the retry budget.
func TestDownloadManyCutsWithProgress(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(10_000, 5)
	h.add("voices/af_x.bin", content, true)
	for range 8 { // more cuts than the 3 attempts allowed without progress
		h.queue("voices/af_x.bin", fault{cutAfter: 1000})
	}
	c := newTestClient(t, h)
	f := listedFile(t, c, "voices/af_x.bin")
	dest := filepath.Join(t.TempDir(), "af_x.bin")
	if _, err := c.Download(context.Background(), testRepo, "main", f, dest, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	if n := len(h.contentRequests("voices/af_x.bin")); n != 9 {
		t.Errorf("%d requests, want 9", n)
	}
}

func TestDownloadResumesPartialFile(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(100_000, 6)
	h.add("onnx/model.onnx", content, true)
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	if err := os.WriteFile(dest+PartSuffix, content[:40_000], 0o644); err != nil {
		t.Fatal(err)
	}
	var first Progress
	res, err := c.Download(context.Background(), testRepo, "main", f, dest, func(p Progress) {
		if first.TotalBytes == 0 {
			first = p
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	if got := h.contentRequests("onnx/model.onnx"); !slices.Equal(got, []string{"bytes=40000-"}) {
		t.Errorf("Range headers = %q, want [bytes=40000-]", got)
	}
	if res.Status != Resumed || res.ReceivedBytes != 60_000 {
		t.Errorf("result = %+v, want Resumed with 60000 bytes received", res)
	}
	if first.DoneBytes != 40_000 {
		t.Errorf("first progress = %+v, want 40000 bytes done", first)
	}
}

func TestDownloadServerIgnoresRange(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(50_000, 7)
	h.add("onnx/model.onnx", content, true)
	h.queue("onnx/model.onnx", fault{ignore: true})
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	if err := os.WriteFile(dest+PartSuffix, content[:20_000], 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	if res.Status != Downloaded || res.ReceivedBytes != int64(len(content)) {
		t.Errorf("result = %+v, want Downloaded with %d bytes received", res, len(content))
	}
}

func TestDownloadCorruptPartialFile(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(30_000, 8)
	h.add("onnx/model.onnx", content, true)
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	if err := os.WriteFile(dest+PartSuffix, make([]byte, 10_000), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("err = %v, want ErrChecksum", err)
	}
	assertNoFile(t, dest)
	assertNoFile(t, dest+PartSuffix)

	// The next call starts from scratch and succeeds.
	if _, err := c.Download(context.Background(), testRepo, "main", f, dest, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
}

func TestDownloadWrongSHA256(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(20_000, 9)
	h.add("onnx/model.onnx", content, true)
	h.queue("onnx/model.onnx", fault{corrupt: true})
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	_, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("err = %v, want ErrChecksum", err)
	}
	for _, want := range []string{"onnx/model.onnx", f.SHA256, "sha256"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	assertNoFile(t, dest)
	assertNoFile(t, dest+PartSuffix)
	if n := len(h.contentRequests("onnx/model.onnx")); n != 1 {
		t.Errorf("%d requests, want 1: a checksum mismatch is not retried", n)
	}
}

func TestDownloadWrongSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault fault
	}{
		{"longer with length", fault{extra: 10}},
		{"longer chunked", fault{extra: 10, chunked: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newFakeHub(t, testRepo)
			h.add("onnx/model.onnx", fileContent(20_000, 10), true)
			h.queue("onnx/model.onnx", tt.fault)
			c := newTestClient(t, h)
			f := listedFile(t, c, "onnx/model.onnx")

			dest := filepath.Join(t.TempDir(), "model.onnx")
			_, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
			if !errors.Is(err, ErrSize) {
				t.Fatalf("err = %v, want ErrSize", err)
			}
			for _, want := range []string{"onnx/model.onnx", "20000 bytes"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			assertNoFile(t, dest)
			assertNoFile(t, dest+PartSuffix)
		})
	}

	t.Run("listing larger than file", func(t *testing.T) {
		t.Parallel()
		h := newFakeHub(t, testRepo)
		h.add("onnx/model.onnx", fileContent(20_000, 10), true)
		c := newTestClient(t, h)
		f := listedFile(t, c, "onnx/model.onnx")
		f.Size = 25_000
		_, err := c.Download(context.Background(), testRepo, "main", f, filepath.Join(t.TempDir(), "m"), nil)
		if !errors.Is(err, ErrSize) || !strings.Contains(err.Error(), "sends 20000 bytes") {
			t.Errorf("err = %v, want ErrSize naming 20000 bytes", err)
		}
	})
}

func TestDownloadAlreadyPresent(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(10_000, 11)
	h.add("voices/af_x.bin", content, true)
	c := newTestClient(t, h)
	f := listedFile(t, c, "voices/af_x.bin")

	dest := filepath.Join(t.TempDir(), "af_x.bin")
	if err := os.WriteFile(dest, content, 0o644); err != nil {
		t.Fatal(err)
	}
	var last Progress
	res, err := c.Download(context.Background(), testRepo, "main", f, dest, func(p Progress) { last = p })
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != AlreadyPresent || res.ReceivedBytes != 0 {
		t.Errorf("result = %+v, want AlreadyPresent with 0 bytes received", res)
	}
	if last.DoneBytes != int64(len(content)) {
		t.Errorf("last progress = %+v, want done", last)
	}
	if n := len(h.contentRequests("voices/af_x.bin")); n != 0 {
		t.Errorf("%d content requests, want 0", n)
	}

	// Same size, other content: fetched again and replaced.
	if err := os.WriteFile(dest, make([]byte, len(content)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Downloaded || !bytes.Equal(readFile(t, dest), content) {
		t.Errorf("result = %+v; content replaced: %v", res, bytes.Equal(readFile(t, dest), content))
	}
}

func TestHTTPErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault fault
		token string
		path  string // file to request; "" for the listed file
		is    error
		wants []string
		notIn string // must not appear in the message
	}{
		{"401 without token", fault{status: 401, errorCode: "GatedRepo"}, "", "", ErrUnauthorized,
			[]string{"401", "HF_TOKEN", testRepo}, ""},
		{"401 with token", fault{status: 401}, "hf_secret123", "", ErrUnauthorized,
			[]string{"401", "HF_TOKEN", "rejected"}, "hf_secret123"},
		{"403 gated", fault{status: 403, errorCode: "GatedRepo"}, "hf_secret123", "", ErrUnauthorized,
			[]string{"403", "HF_TOKEN", "access"}, "hf_secret123"},
		{"404 entry", fault{}, "", "onnx/missing.onnx", ErrNotFound,
			[]string{"404", "onnx/missing.onnx", testRepo, `"main"`}, ""},
		{"400", fault{status: 400}, "", "", nil, []string{"400 Bad Request"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newFakeHub(t, testRepo)
			h.add("onnx/model.onnx", fileContent(1000, 12), true)
			h.queue("onnx/model.onnx", tt.fault)
			c := newTestClient(t, h, WithToken(tt.token))
			f := listedFile(t, c, "onnx/model.onnx")
			if tt.path != "" {
				f.Path = tt.path
			}

			dest := filepath.Join(t.TempDir(), "model.onnx")
			_, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
			var he *HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v, want *HTTPError", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q does not match %v", err, tt.is)
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if tt.notIn != "" && strings.Contains(err.Error(), tt.notIn) {
				t.Errorf("error %q contains %q", err, tt.notIn)
			}
			if n := len(h.contentRequests(f.Path)); n > 1 {
				t.Errorf("%d content requests, want 1: client errors are not retried", n)
			}
			assertNoFile(t, dest+PartSuffix)
		})
	}
}

func TestListErrors(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	c := newTestClient(t, h)

	_, err := c.ListFiles(context.Background(), "other/repo", "main")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "repository other/repo not found") ||
		!strings.Contains(err.Error(), "HF_TOKEN") {
		t.Errorf("unknown repository: err = %v, want ErrNotFound naming the repository and HF_TOKEN", err)
	}

	_, err = c.ListFiles(context.Background(), testRepo, "v9")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `revision "v9" not found in `+testRepo) {
		t.Errorf("unknown revision: err = %v, want ErrNotFound naming the revision", err)
	}

	for _, repo := range []string{"norepo", "a/b/c", "../x", ""} {
		if _, err := c.ListFiles(context.Background(), repo, "main"); err == nil || !strings.Contains(err.Error(), "invalid repository id") {
			t.Errorf("repository %q: err = %v, want invalid repository id", repo, err)
		}
	}
}

func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		faults   []fault
		requests int
		wantErr  string // "" for success
	}{
		{"500 then success", []fault{{status: 500}, {status: 502}}, 3, ""},
		{"429 with Retry-After", []fault{{status: 429, retryAfter: "0"}}, 2, ""},
		{"503 until the budget ends", []fault{{status: 503}, {status: 503}, {status: 503}, {status: 503}}, 3,
			"503 Service Unavailable (gave up after 3 attempts)"},
		{"404 not retried", []fault{{status: 404, errorCode: "EntryNotFound"}}, 1, "404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newFakeHub(t, testRepo)
			content := fileContent(5000, 13)
			h.add("onnx/model.onnx", content, true)
			h.queue("onnx/model.onnx", tt.faults...)
			c := newTestClient(t, h)
			f := listedFile(t, c, "onnx/model.onnx")

			dest := filepath.Join(t.TempDir(), "model.onnx")
			_, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
			if n := len(h.contentRequests("onnx/model.onnx")); n != tt.requests {
				t.Errorf("%d content requests, want %d", n, tt.requests)
			}
		})
	}

	t.Run("tree 500 then success", func(t *testing.T) {
		t.Parallel()
		h := newFakeHub(t, testRepo)
		h.add("config.json", []byte("{}"), false)
		h.treeFail = []int{500, 503}
		if _, err := newTestClient(t, h).ListFiles(context.Background(), testRepo, "main"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTokenHeader(t *testing.T) {
	t.Parallel()
	for _, token := range []string{"", "hf_secret123"} {
		t.Run("token="+token, func(t *testing.T) {
			t.Parallel()
			h := newFakeHub(t, testRepo)
			h.add("onnx/model.onnx", fileContent(3000, 14), true)
			h.add("config.json", []byte("{}"), false)
			h.queue("onnx/model.onnx", fault{status: 500}) // logs a retry
			var logs bytes.Buffer
			c := newTestClient(t, h, WithToken(token), WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))

			sel := Selection{Variants: []string{"model"}, Files: []string{"config.json"}}
			if _, err := c.Pull(context.Background(), testRepo, "main", sel, t.TempDir(), nil); err != nil {
				t.Fatal(err)
			}

			var api, storage int
			for _, r := range h.requests() {
				switch {
				case r.server == "storage" && r.authorization != "":
					t.Errorf("storage host got Authorization %q for %s", r.authorization, r.path)
				case r.server == "api" && token == "" && r.authorization != "":
					t.Errorf("Authorization %q sent without a token, for %s", r.authorization, r.path)
				case r.server == "api" && token != "" && r.authorization != "Bearer "+token:
					t.Errorf("Authorization = %q for %s, want Bearer token", r.authorization, r.path)
				}
				if r.server == "api" {
					api++
				} else {
					storage++
				}
			}
			if api < 3 || storage < 1 {
				t.Errorf("%d hub and %d storage requests, want at least 3 and 1", api, storage)
			}
			if !strings.Contains(logs.String(), "retrying hub request") {
				t.Errorf("no retry logged: %q", logs.String())
			}
			if token != "" && strings.Contains(logs.String(), token) {
				t.Errorf("log contains the token: %q", logs.String())
			}
		})
	}
}

func TestEndpointFromEnvironment(t *testing.T) {
	h := newFakeHub(t, testRepo)
	h.add("config.json", []byte("{}"), false)
	t.Setenv(EnvEndpoint, h.api.URL+"/")
	t.Setenv(EnvToken, "hf_fromenv")

	c, err := NewClient(WithRetry(1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if c.Endpoint() != h.api.URL {
		t.Errorf("Endpoint() = %q, want %q", c.Endpoint(), h.api.URL)
	}
	if _, err := c.ListFiles(context.Background(), testRepo, "main"); err != nil {
		t.Fatal(err)
	}
	reqs := h.requests()
	if len(reqs) != 1 || reqs[0].authorization != "Bearer hf_fromenv" {
		t.Errorf("requests = %+v, want one with the token from %s", reqs, EnvToken)
	}

	t.Setenv(EnvEndpoint, "ftp://example.invalid")
	if _, err := NewClient(); err == nil || !strings.Contains(err.Error(), EnvEndpoint) {
		t.Errorf("NewClient with ftp endpoint: err = %v, want one naming %s", err, EnvEndpoint)
	}

	t.Setenv(EnvEndpoint, "")
	t.Setenv(EnvToken, "")
	c, err = NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if c.Endpoint() != DefaultEndpoint {
		t.Errorf("Endpoint() = %q without %s, want %q", c.Endpoint(), EnvEndpoint, DefaultEndpoint)
	}
}

func TestUnreachableHost(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := "http://" + l.Addr().String()
	l.Close() // nothing listens there now, so connections are refused

	c, err := NewClient(WithEndpoint(endpoint), WithRetry(2, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListFiles(context.Background(), testRepo, "main")
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if want := endpoint + "/api/models/" + testRepo + "/tree/main"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not contain the URL %s", err, want)
	}

	f := File{Path: "onnx/model.onnx", Size: 10, SHA256: strings.Repeat("a", 64)}
	dest := filepath.Join(t.TempDir(), "model.onnx")
	_, err = c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), c.FileURL(testRepo, "main", f.Path)) {
		t.Errorf("download: err = %v, want ErrUnreachable with the file URL", err)
	}
	assertNoFile(t, dest+PartSuffix)
}

func TestDownloadCancelKeepsPartial(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(100_000, 15)
	h.add("onnx/model.onnx", content, true)
	h.queue("onnx/model.onnx", fault{cutAfter: 30_000, stall: true})
	c := newTestClient(t, h)
	f := listedFile(t, c, "onnx/model.onnx")
	dest := filepath.Join(t.TempDir(), "model.onnx")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := c.Download(ctx, testRepo, "main", f, dest, func(p Progress) {
		if p.DoneBytes >= 30_000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := readFile(t, dest+PartSuffix); !bytes.Equal(got, content[:30_000]) {
		t.Fatalf("partial file has %d bytes, want the first 30000 of the file", len(got))
	}

	res, err := c.Download(context.Background(), testRepo, "main", f, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Resumed || !bytes.Equal(readFile(t, dest), content) {
		t.Errorf("result = %+v, want Resumed with the right content", res)
	}
}

func TestDownloadStallResumes(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	content := fileContent(50_000, 16)
	h.add("onnx/model.onnx", content, true)
	h.queue("onnx/model.onnx", fault{cutAfter: 10_000, stall: true})
	c := newTestClient(t, h, WithStallTimeout(200*time.Millisecond))
	f := listedFile(t, c, "onnx/model.onnx")

	dest := filepath.Join(t.TempDir(), "model.onnx")
	if _, err := c.Download(context.Background(), testRepo, "main", f, dest, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, dest), content) {
		t.Error("downloaded content differs")
	}
	if got := h.contentRequests("onnx/model.onnx"); !slices.Equal(got, []string{"", "bytes=10000-"}) {
		t.Errorf("Range headers = %q, want a resume from byte 10000", got)
	}
}

func TestPullLayout(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	files := map[string][]byte{
		"onnx/model_q8f16.onnx": fileContent(4000, 17),
		"onnx/model.onnx":       fileContent(6000, 18),
		"voices/af_bella.bin":   fileContent(1000, 19),
		"voices/af_sky.bin":     fileContent(1000, 20),
		"voices/bm_george.bin":  fileContent(1000, 21),
		"config.json":           []byte(`{"model_type": "style_text_to_speech_2"}`),
	}
	for p, b := range files {
		h.add(p, b, !strings.HasSuffix(p, ".json"))
	}
	c := newTestClient(t, h)
	dir := t.TempDir()
	sel := Selection{Variants: []string{"model_q8f16"}, Voices: []string{"af_*"}, Files: []string{"config.json"}}

	results, err := c.Pull(context.Background(), testRepo, "main", sel, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range results {
		got = append(got, r.File.Path)
		if r.Status != Downloaded {
			t.Errorf("%s: status %v, want downloaded", r.File.Path, r.Status)
		}
		if !bytes.Equal(readFile(t, filepath.Join(dir, filepath.FromSlash(r.File.Path))), files[r.File.Path]) {
			t.Errorf("%s: content differs", r.File.Path)
		}
	}
	want := []string{"onnx/model_q8f16.onnx", "voices/af_bella.bin", "voices/af_sky.bin", "config.json"}
	if !slices.Equal(got, want) {
		t.Errorf("pulled %v, want %v", got, want)
	}
	assertNoFile(t, filepath.Join(dir, "onnx", "model.onnx"))
	assertNoFile(t, filepath.Join(dir, "voices", "bm_george.bin"))

	// A second pull finds every file in place and fetches nothing.
	before := len(h.requests())
	results, err = c.Pull(context.Background(), testRepo, "main", sel, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Status != AlreadyPresent {
			t.Errorf("second pull: %s status %v, want already present", r.File.Path, r.Status)
		}
	}
	if n := len(h.requests()) - before; n != 1 {
		t.Errorf("second pull made %d requests, want 1 (the listing)", n)
	}
}

func TestSelectionApply(t *testing.T) {
	t.Parallel()
	listing := []File{
		{Path: "config.json"},
		{Path: "onnx/model.onnx"},
		{Path: "onnx/model_fp16.onnx"},
		{Path: "voices/af_bella.bin"},
		{Path: "voices/af_sky.bin"},
		{Path: "voices/am_adam.bin"},
		{Path: "voices/extra/af_nested.bin"},
		{Path: "voices/readme.txt"},
	}
	tests := []struct {
		name    string
		sel     Selection
		want    []string
		wantErr string
	}{
		// Normal cases.
		{"variant", Selection{Variants: []string{"model_fp16"}}, []string{"onnx/model_fp16.onnx"}, ""},
		{"all voices", Selection{Voices: []string{"*"}}, []string{"voices/af_bella.bin", "voices/af_sky.bin", "voices/am_adam.bin"}, ""},
		{"voice order and duplicates", Selection{Voices: []string{"am_adam", "a?_*"}},
			[]string{"voices/am_adam.bin", "voices/af_bella.bin", "voices/af_sky.bin"}, ""},
		{"everything", Selection{Variants: []string{"model", "model"}, Voices: []string{"af_sky"}, Files: []string{"config.json"}},
			[]string{"onnx/model.onnx", "voices/af_sky.bin", "config.json"}, ""},

		// Errors.
		{"empty", Selection{}, nil, "no files selected"},
		{"unknown variant", Selection{Variants: []string{"model_int3"}}, nil, `unknown model variant "model_int3"; expected one of model, model_fp16`},
		{"variant missing", Selection{Variants: []string{"model_q4"}}, nil, "onnx/model_q4.onnx) is not in the repository listing"},
		{"voice no match", Selection{Voices: []string{"zf_*"}}, nil, `voice pattern "zf_*" matches none of the 3 voices`},
		{"bad pattern", Selection{Voices: []string{"[af"}}, nil, "invalid voice pattern"},
		{"file missing", Selection{Files: []string{"tokenizer.json"}}, nil, "tokenizer.json is not in the repository listing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.sel.Apply(listing)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var paths []string
			for _, f := range got {
				paths = append(paths, f.Path)
			}
			if !slices.Equal(paths, tt.want) {
				t.Errorf("Apply = %v, want %v", paths, tt.want)
			}
		})
	}
}

func TestFileURL(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithEndpoint("https://hub.example/"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ revision, path, want string }{
		{"main", "onnx/model.onnx", "https://hub.example/" + DefaultRepo + "/resolve/main/onnx/model.onnx"},
		{"refs/pr/1", "voices/a b.bin", "https://hub.example/" + DefaultRepo + "/resolve/refs%2Fpr%2F1/voices/a%20b.bin"},
	}
	for _, tt := range tests {
		if got := c.FileURL(DefaultRepo, tt.revision, tt.path); got != tt.want {
			t.Errorf("FileURL(%q, %q) = %s, want %s", tt.revision, tt.path, got, tt.want)
		}
	}
}

func TestDownloadRejectsUnsafePath(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithEndpoint("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"../evil", "onnx/../../evil", "/etc/passwd", `voices\x.bin`, ""} {
		f := File{Path: p, Size: 1, SHA256: strings.Repeat("a", 64)}
		if _, err := c.Download(context.Background(), testRepo, "main", f, filepath.Join(t.TempDir(), "x"), nil); err == nil {
			t.Errorf("Download accepted path %q", p)
		}
	}
}

func TestParseContentRange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header       string
		start, total int64
		ok           bool
	}{
		{"bytes 100-199/200", 100, 200, true},
		{"bytes 0-0/1", 0, 1, true},
		{"bytes 5-9/*", 5, -1, true},
		{"bytes */200", 0, 0, false},
		{"bytes -5-9/10", 0, 0, false},
		{"items 0-1/2", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		start, total, err := parseContentRange(tt.header)
		if (err == nil) != tt.ok || (tt.ok && (start != tt.start || total != tt.total)) {
			t.Errorf("parseContentRange(%q) = %d, %d, %v; want %d, %d, ok=%v", tt.header, start, total, err, tt.start, tt.total, tt.ok)
		}
	}
}

func TestNextPage(t *testing.T) {
	t.Parallel()
	const current = "https://hub.example/api/models/a/b/tree/main?recursive=true"
	tests := []struct{ link, want string }{
		{"", ""},
		{`<https://hub.example/api/models/a/b/tree/main?recursive=true&cursor=abc>; rel="next"`,
			"https://hub.example/api/models/a/b/tree/main?recursive=true&cursor=abc"},
		{`</api/models/a/b/tree/main?cursor=x>; rel=next`, "https://hub.example/api/models/a/b/tree/main?cursor=x"},
		{`<https://hub.example/first>; rel="first", <https://hub.example/second>; rel="next"`, "https://hub.example/second"},
		{`<https://hub.example/prev>; rel="prev"`, ""},
	}
	for _, tt := range tests {
		got, err := nextPage(current, tt.link)
		if err != nil || got != tt.want {
			t.Errorf("nextPage(%q) = %q, %v, want %q", tt.link, got, err, tt.want)
		}
	}
}

func TestListFilesRejectsForeignNextPage(t *testing.T) {
	t.Parallel()
	h := newFakeHub(t, testRepo)
	h.add("a.json", []byte("{}"), false)
	h.add("b.json", []byte("{}"), false)
	h.pageSize = 1
	c := newTestClient(t, h)
	// Point the client at the same server by another name, so that the fake
	// hub's absolute next-page links lead to a host the client does not use.
	c.endpoint = strings.Replace(h.api.URL, "127.0.0.1", "localhost", 1)
	_, err := c.ListFiles(context.Background(), testRepo, "main")
	if err == nil || !strings.Contains(err.Error(), "is not on "+c.endpoint) {
		t.Errorf("err = %v, want a refusal to follow the link to another host", err)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
