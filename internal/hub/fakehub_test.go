package hub

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeHub serves the hub's tree API and resolve endpoint on 127.0.0.1, and
// LFS content from a second "storage" server reached as localhost, so that
// net/http treats it as another host. Faults can be queued per file.
type fakeHub struct {
	api, storage *httptest.Server
	repo         string

	mu       sync.Mutex
	files    map[string]*fakeFile
	faults   map[string][]fault // per repository path, consumed one per content request
	treeFail []int              // statuses returned by the next tree requests
	pageSize int                // entries per tree page; 0 for one page
	log      []fakeRequest
}

type fakeFile struct {
	content []byte
	lfs     bool
}

// fakeRequest records one request either server received.
type fakeRequest struct {
	server        string // "api" or "storage"
	path          string // URL path, unescaped
	rawQuery      string
	rangeHeader   string
	authorization string
}

// fault changes the response to one content request.
type fault struct {
	status     int    // respond with this status and no content, if non-zero
	errorCode  string // X-Error-Code to send with status
	retryAfter string
	cutAfter   int  // send this many bytes of the response body, then drop the connection
	stall      bool // after cutAfter bytes, block until the client goes away
	ignore     bool // ignore the Range header and send the whole file
	corrupt    bool // flip the first byte of the content
	extra      int  // append this many bytes to the content
	chunked    bool // send without Content-Length
}

func newFakeHub(t *testing.T, repo string) *fakeHub {
	t.Helper()
	h := &fakeHub{repo: repo, files: map[string]*fakeFile{}, faults: map[string][]fault{}}
	h.api = httptest.NewServer(http.HandlerFunc(h.serveAPI))
	h.storage = httptest.NewServer(http.HandlerFunc(h.serveStorage))
	t.Cleanup(h.api.Close)
	t.Cleanup(h.storage.Close)
	return h
}

func (h *fakeHub) add(path string, content []byte, lfs bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.files[path] = &fakeFile{content: content, lfs: lfs}
}

func (h *fakeHub) queue(path string, faults ...fault) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults[path] = append(h.faults[path], faults...)
}

func (h *fakeHub) nextFault(path string) fault {
	h.mu.Lock()
	defer h.mu.Unlock()
	q := h.faults[path]
	if len(q) == 0 {
		return fault{}
	}
	h.faults[path] = q[1:]
	return q[0]
}

func (h *fakeHub) record(server string, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.log = append(h.log, fakeRequest{
		server:        server,
		path:          r.URL.Path,
		rawQuery:      r.URL.RawQuery,
		rangeHeader:   r.Header.Get("Range"),
		authorization: r.Header.Get("Authorization"),
	})
}

func (h *fakeHub) requests() []fakeRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]fakeRequest(nil), h.log...)
}

// contentRequests returns the Range headers of the requests for path's
// content, on whichever server sent it.
func (h *fakeHub) contentRequests(path string) []string {
	var ranges []string
	for _, r := range h.requests() {
		if strings.HasSuffix(r.path, "/"+path) && !strings.HasPrefix(r.path, "/api/") && (r.server == "storage" || !h.isLFS(path)) {
			ranges = append(ranges, r.rangeHeader)
		}
	}
	return ranges
}

func (h *fakeHub) isLFS(path string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	f := h.files[path]
	return f != nil && f.lfs
}

func (h *fakeHub) serveAPI(w http.ResponseWriter, r *http.Request) {
	h.record("api", r)
	treePrefix := "/api/models/" + h.repo + "/tree/"
	resolvePrefix := "/" + h.repo + "/resolve/"
	switch {
	case strings.HasPrefix(r.URL.Path, treePrefix):
		h.serveTree(w, r, strings.TrimPrefix(r.URL.EscapedPath(), "/api/models/"+h.repo+"/tree/"))
	case strings.HasPrefix(r.URL.Path, resolvePrefix):
		rest := strings.TrimPrefix(r.URL.EscapedPath(), resolvePrefix)
		rev, escapedPath, _ := strings.Cut(rest, "/")
		if rev != "main" {
			w.Header().Set("X-Error-Code", "RevisionNotFound")
			http.Error(w, "Invalid rev id: "+rev, http.StatusNotFound)
			return
		}
		path, _ := url.PathUnescape(escapedPath)
		h.mu.Lock()
		f := h.files[path]
		h.mu.Unlock()
		switch {
		case f == nil:
			w.Header().Set("X-Error-Code", "EntryNotFound")
			http.Error(w, "Entry not found", http.StatusNotFound)
		case f.lfs:
			// Like the hub, send LFS content from the storage host.
			target := strings.Replace(h.storage.URL, "127.0.0.1", "localhost", 1) + "/blobs/" + escapedPath
			w.Header().Set("X-Linked-Size", strconv.Itoa(len(f.content)))
			http.Redirect(w, r, target, http.StatusFound)
		default:
			h.serveContent(w, r, path, f)
		}
	default:
		w.Header().Set("X-Error-Code", "RepoNotFound")
		http.Error(w, "Repository not found", http.StatusUnauthorized)
	}
}

func (h *fakeHub) serveStorage(w http.ResponseWriter, r *http.Request) {
	h.record("storage", r)
	path := strings.TrimPrefix(r.URL.Path, "/blobs/")
	h.mu.Lock()
	f := h.files[path]
	h.mu.Unlock()
	if f == nil || !f.lfs {
		http.NotFound(w, r)
		return
	}
	h.serveContent(w, r, path, f)
}

// serveContent serves path's content with Range support, applying the next
// queued fault for path.
func (h *fakeHub) serveContent(w http.ResponseWriter, r *http.Request, path string, f *fakeFile) {
	flt := h.nextFault(path)
	if flt.status != 0 {
		if flt.errorCode != "" {
			w.Header().Set("X-Error-Code", flt.errorCode)
		}
		if flt.retryAfter != "" {
			w.Header().Set("Retry-After", flt.retryAfter)
		}
		http.Error(w, http.StatusText(flt.status), flt.status)
		return
	}

	content := bytes.Clone(f.content)
	if flt.corrupt && len(content) > 0 {
		content[0] ^= 0xff
	}
	content = append(content, bytes.Repeat([]byte{'x'}, flt.extra)...)

	start := 0
	status := http.StatusOK
	if rng := r.Header.Get("Range"); rng != "" && !flt.ignore {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rng, "bytes="), "-"))
		if err != nil {
			http.Error(w, "bad range", http.StatusBadRequest)
			return
		}
		if n >= len(content) {
			w.Header().Set("Content-Range", fmt.Sprintf("bytes */%d", len(content)))
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		start, status = n, http.StatusPartialContent
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", n, len(content)-1, len(content)))
	}
	body := content[start:]
	w.Header().Set("Accept-Ranges", "bytes")
	w.Header().Set("Content-Type", "application/octet-stream")
	if !flt.chunked {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(status)

	if flt.cutAfter > 0 || flt.stall {
		w.Write(body[:min(flt.cutAfter, len(body))])
		w.(http.Flusher).Flush()
		if flt.stall {
			<-r.Context().Done()
		}
		panic(http.ErrAbortHandler) // drops the connection mid-body
	}
	w.Write(body)
}

// treeEntryJSON mirrors the hub's tree API entry, written independently of
// the package's decoder.
type treeEntryJSON struct {
	Type string         `json:"type"`
	OID  string         `json:"oid"`
	Size int            `json:"size"`
	Path string         `json:"path"`
	LFS  map[string]any `json:"lfs,omitempty"`
}

func (h *fakeHub) serveTree(w http.ResponseWriter, r *http.Request, escapedRev string) {
	h.mu.Lock()
	if len(h.treeFail) > 0 {
		status := h.treeFail[0]
		h.treeFail = h.treeFail[1:]
		h.mu.Unlock()
		http.Error(w, http.StatusText(status), status)
		return
	}
	if escapedRev != "main" {
		h.mu.Unlock()
		w.Header().Set("X-Error-Code", "RevisionNotFound")
		http.Error(w, "Invalid rev id", http.StatusNotFound)
		return
	}

	var entries []treeEntryJSON
	dirs := map[string]bool{}
	for path, f := range h.files {
		if dir, _, ok := strings.Cut(path, "/"); ok && !dirs[dir] {
			dirs[dir] = true
			entries = append(entries, treeEntryJSON{Type: "directory", OID: strings.Repeat("d", 40), Path: dir})
		}
		e := treeEntryJSON{Type: "file", Path: path, Size: len(f.content), OID: gitBlobID(f.content)}
		if f.lfs {
			pointer := fmt.Sprintf("version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n", sha256Hex(f.content), len(f.content))
			e.OID = gitBlobID([]byte(pointer))
			e.LFS = map[string]any{"oid": sha256Hex(f.content), "size": len(f.content), "pointerSize": len(pointer)}
		}
		entries = append(entries, e)
	}
	pageSize := h.pageSize
	h.mu.Unlock()
	sort.Slice(entries, func(i, j int) bool { return entries[i].Path < entries[j].Path })

	if pageSize > 0 {
		cursor, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		end := min(cursor+pageSize, len(entries))
		if end < len(entries) {
			next := fmt.Sprintf("%s%s?recursive=true&cursor=%d", h.api.URL, r.URL.Path, end)
			w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, next))
		}
		entries = entries[cursor:end]
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(entries)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// gitBlobID computes a Git blob id the way "git hash-object" does.
func gitBlobID(b []byte) string {
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(b))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}
