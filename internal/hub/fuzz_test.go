package hub

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseContentRange(f *testing.F) {
	for _, s := range []string{"bytes 0-99/100", "bytes 5-9/*", "bytes */100", "bytes 1-/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, total, err := parseContentRange(s)
		if err != nil {
			return
		}
		if start < 0 || total < -1 {
			t.Fatalf("parseContentRange(%q) = %d, %d", s, start, total)
		}
	})
}

func FuzzNextPage(f *testing.F) {
	f.Add(`<https://hub.example/x?cursor=1>; rel="next"`)
	f.Add(`</x>; rel=next, <y>; rel="prev"`)
	f.Add(`<%zz>; rel="next"`)
	f.Fuzz(func(t *testing.T, link string) {
		_, _ = nextPage("https://hub.example/api/models/a/b/tree/main", link)
	})
}

// FuzzTreeEntry checks that an accepted listing entry can never lead a
// download outside its destination folder or skip its checksum.
func FuzzTreeEntry(f *testing.F) {
	f.Add(`{"type":"file","path":"onnx/model.onnx","size":5,"oid":"` + strings.Repeat("a", 40) + `","lfs":{"oid":"` + strings.Repeat("b", 64) + `","size":5}}`)
	f.Add(`{"type":"file","path":"../x","size":1,"oid":"` + strings.Repeat("a", 40) + `"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		var e treeEntry
		if json.Unmarshal([]byte(raw), &e) != nil {
			return
		}
		file, err := e.file()
		if err != nil {
			return
		}
		const dir = "/dest"
		dest := filepath.Join(dir, filepath.FromSlash(file.Path))
		if rel, err := filepath.Rel(dir, dest); err != nil || !filepath.IsLocal(rel) {
			t.Fatalf("path %q leads outside the destination folder to %s", file.Path, dest)
		}
		if file.Size < 0 || (file.SHA256 == "" && !sha1Pattern.MatchString(file.BlobID)) {
			t.Fatalf("entry accepted without a usable size and checksum: %+v", file)
		}
	})
}
