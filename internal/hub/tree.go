package hub

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// maxTreePages bounds how many pages of a listing are followed, so that a
// server sending a Link header back to the same page cannot loop forever.
const maxTreePages = 1000

var (
	sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
	sha1Pattern   = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// A File is one file of a repository, as the hub lists it.
type File struct {
	// Path is the file's path in the repository, with '/' separators.
	Path string
	// Size is the file's size in bytes.
	Size int64
	// SHA256 is the lowercase hex SHA-256 of the content, from the file's
	// Git LFS object id. It is empty for files stored in Git itself.
	SHA256 string
	// BlobID is the Git blob id (SHA-1) of the entry. For an LFS file it
	// identifies the pointer file, not the content.
	BlobID string
}

// LFS reports whether the file is stored in Git LFS, so that SHA256 is known.
func (f File) LFS() bool { return f.SHA256 != "" }

// treeEntry is one element of the JSON array that
// GET /api/models/{repo}/tree/{revision} returns.
type treeEntry struct {
	Type string `json:"type"` // "file" or "directory"
	Path string `json:"path"`
	Size int64  `json:"size"`
	OID  string `json:"oid"` // Git blob id
	LFS  *struct {
		OID         string `json:"oid"` // SHA-256 of the content
		Size        int64  `json:"size"`
		PointerSize int64  `json:"pointerSize"`
	} `json:"lfs"`
}

// ListFiles returns every file of repo at revision, sorted by path, from the
// hub's tree API. It follows the pagination of the Link header.
func (c *Client) ListFiles(ctx context.Context, repo, revision string) ([]File, error) {
	if err := checkRepo(repo, revision); err != nil {
		return nil, err
	}
	next := c.endpoint + "/api/models/" + repo + "/tree/" + url.PathEscape(revision) + "?recursive=true"

	var files []File
	for page := 0; next != ""; page++ {
		if page == maxTreePages {
			return nil, fmt.Errorf("hub: list %s at %q: more than %d pages, stopped at %s", repo, revision, maxTreePages, next)
		}
		entries, link, err := c.getTreePage(ctx, next, target{repo: repo, revision: revision})
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.Type != "file" {
				continue
			}
			f, err := e.file()
			if err != nil {
				return nil, fmt.Errorf("hub: list %s at %q: %w", repo, revision, err)
			}
			files = append(files, f)
		}
		if next, err = nextPage(next, link); err != nil {
			return nil, fmt.Errorf("hub: list %s at %q: %w", repo, revision, err)
		}
		// The next request carries the token, so it must go to the hub.
		if next != "" && !strings.HasPrefix(next, c.endpoint+"/") {
			return nil, fmt.Errorf("hub: list %s at %q: next page %s is not on %s", repo, revision, next, c.endpoint)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// file converts a tree entry, checking the fields a download relies on.
func (e treeEntry) file() (File, error) {
	f := File{Path: e.Path, Size: e.Size, BlobID: e.OID}
	if !localPath(e.Path) {
		return File{}, fmt.Errorf("file path %q is not a relative path inside the repository", e.Path)
	}
	if e.LFS != nil {
		if !sha256Pattern.MatchString(e.LFS.OID) {
			return File{}, fmt.Errorf("file %s: LFS oid %q is not a lowercase hex SHA-256", e.Path, e.LFS.OID)
		}
		f.SHA256, f.Size = e.LFS.OID, e.LFS.Size
	} else if !sha1Pattern.MatchString(e.OID) {
		return File{}, fmt.Errorf("file %s: oid %q is not a lowercase hex Git blob id", e.Path, e.OID)
	}
	if f.Size < 0 {
		return File{}, fmt.Errorf("file %s: negative size %d", e.Path, f.Size)
	}
	return f, nil
}

// localPath reports whether p is a relative slash-separated path that stays
// inside the folder it is joined to.
func localPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || strings.ContainsRune(p, 0) {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func (c *Client) getTreePage(ctx context.Context, pageURL string, t target) ([]treeEntry, string, error) {
	var (
		entries []treeEntry
		link    string
	)
	err := c.retryLoop(ctx, pageURL, func() attemptResult {
		req, err := c.newRequest(ctx, pageURL)
		if err != nil {
			return attemptResult{err: err}
		}
		req.Header.Set("Accept", "application/json")
		resp, err := c.httpClient.Do(req)
		if err != nil {
			return transportFailure(ctx, pageURL, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return statusFailure(resp, pageURL, t, c.token != "")
		}

		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		if err != nil {
			return transportFailure(ctx, pageURL, err)
		}
		entries = nil
		if err := json.Unmarshal(body, &entries); err != nil {
			return attemptResult{err: fmt.Errorf("hub: GET %s: invalid file listing: %w", pageURL, err)}
		}
		link = resp.Header.Get("Link")
		return attemptResult{}
	})
	return entries, link, err
}

// nextPage returns the URL of the Link header's rel="next" entry, resolved
// against the current page, or "" when there is none.
func nextPage(current, link string) (string, error) {
	for _, part := range strings.Split(link, ",") {
		part = strings.TrimSpace(part)
		open, end := strings.IndexByte(part, '<'), strings.IndexByte(part, '>')
		if open != 0 || end < 0 {
			continue
		}
		isNext := false
		for _, param := range strings.Split(part[end+1:], ";") {
			param = strings.ReplaceAll(strings.TrimSpace(param), " ", "")
			if param == `rel="next"` || param == "rel=next" {
				isNext = true
			}
		}
		if !isNext {
			continue
		}
		base, err := url.Parse(current)
		if err != nil {
			return "", err
		}
		ref, err := url.Parse(part[1:end])
		if err != nil {
			return "", fmt.Errorf("invalid next-page link %q: %w", part[1:end], err)
		}
		return base.ResolveReference(ref).String(), nil
	}
	return "", nil
}
