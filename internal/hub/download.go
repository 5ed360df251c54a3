package hub

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// PartSuffix is appended to a destination path for the partial file that a
// download writes and resumes. The file is renamed into place once verified.
const PartSuffix = ".part"

// copyBufferBytes is the read size of a download, which is also how often
// progress is reported.
const copyBufferBytes = 256 << 10

// Progress is the state of one file's download.
type Progress struct {
	// Path is the file's path in the repository.
	Path string
	// DoneBytes is how much of the file is on disk, including bytes kept from
	// an earlier, interrupted download.
	DoneBytes int64
	// TotalBytes is the file's size.
	TotalBytes int64
}

// A ProgressFunc receives download progress. It is called from the goroutine
// that calls Download or Pull: first with the bytes already present, then
// after each block received, and last with DoneBytes equal to TotalBytes.
type ProgressFunc func(Progress)

// Status is the outcome of Download for one file.
type Status int

const (
	// Downloaded means the whole file was fetched.
	Downloaded Status = iota + 1
	// Resumed means a partial file from an earlier download was completed.
	Resumed
	// AlreadyPresent means the destination already had the right size and
	// checksum, so nothing was fetched.
	AlreadyPresent
)

func (s Status) String() string {
	switch s {
	case Downloaded:
		return "downloaded"
	case Resumed:
		return "resumed"
	case AlreadyPresent:
		return "already present"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// A Result describes one file that Download placed.
type Result struct {
	// File is the file as listed by the hub.
	File File
	// Dest is the local path of the file.
	Dest string
	// Status is Downloaded, Resumed or AlreadyPresent.
	Status Status
	// ReceivedBytes counts the bytes received over the network for this
	// file, including bytes of attempts that were cut off.
	ReceivedBytes int64
}

// Pull downloads the files that sel selects from repo at revision into dir,
// laid out as in the repository (dir/onnx/model.onnx, dir/voices/af_bella.bin).
// It stops at the first failure and returns the results of the files placed
// before it. Partial files stay in place, so a later Pull resumes them.
func (c *Client) Pull(ctx context.Context, repo, revision string, sel Selection, dir string, progress ProgressFunc) ([]Result, error) {
	files, err := c.ListFiles(ctx, repo, revision)
	if err != nil {
		return nil, err
	}
	chosen, err := sel.Apply(files)
	if err != nil {
		return nil, fmt.Errorf("%w (repository %s at %q)", err, repo, revision)
	}
	var results []Result
	for _, f := range chosen {
		r, err := c.Download(ctx, repo, revision, f, filepath.Join(dir, filepath.FromSlash(f.Path)), progress)
		if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	return results, nil
}

// Download fetches f from repo at revision into dest. A dest that already has
// f's size and checksum is kept as it is. Otherwise the file is written to
// dest+PartSuffix, resumed from there with a Range request when that file
// exists, checked against f.Size and f.SHA256 (or the Git blob id for a file
// not in LFS), and renamed to dest. A download that fails a check removes its
// partial file. A cancelled or interrupted one keeps it for the next call.
// progress may be nil.
func (c *Client) Download(ctx context.Context, repo, revision string, f File, dest string, progress ProgressFunc) (Result, error) {
	if err := checkRepo(repo, revision); err != nil {
		return Result{}, err
	}
	if !localPath(f.Path) {
		return Result{}, fmt.Errorf("hub: file path %q is not a relative path inside the repository", f.Path)
	}
	if f.SHA256 == "" && f.BlobID == "" {
		return Result{}, fmt.Errorf("hub: file %s has no SHA-256 or Git blob id to check it against; take files from ListFiles", f.Path)
	}
	if progress == nil {
		progress = func(Progress) {}
	}
	res := Result{File: f, Dest: dest}

	if ok, err := alreadyPresent(dest, f); err != nil {
		return res, err
	} else if ok {
		res.Status = AlreadyPresent
		progress(Progress{Path: f.Path, DoneBytes: f.Size, TotalBytes: f.Size})
		return res, nil
	}

	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return res, fmt.Errorf("hub: create folder for %s: %w", f.Path, err)
	}
	d, err := openPartial(dest+PartSuffix, f)
	if err != nil {
		return res, err
	}
	defer d.file.Close()
	progress(Progress{Path: f.Path, DoneBytes: d.done, TotalBytes: f.Size})

	rawURL := c.FileURL(repo, revision, f.Path)
	t := target{repo: repo, revision: revision, path: f.Path}
	err = c.retryLoop(ctx, rawURL, func() attemptResult {
		if d.done == f.Size {
			return attemptResult{}
		}
		return c.fetch(ctx, rawURL, t, d, func(n int64) {
			res.ReceivedBytes += n
			progress(Progress{Path: f.Path, DoneBytes: d.done, TotalBytes: f.Size})
		})
	})
	if err != nil {
		// Keep received data for the next call unless it cannot be used.
		if errors.Is(err, ErrSize) || d.done == 0 {
			d.remove()
		}
		return res, err
	}

	res.Status = Downloaded
	if d.reused > 0 {
		res.Status = Resumed
	}
	if err := d.verify(); err != nil {
		d.remove()
		return res, err
	}
	if err := d.file.Sync(); err != nil {
		return res, fmt.Errorf("hub: write %s: %w", d.file.Name(), err)
	}
	if err := d.file.Close(); err != nil {
		return res, fmt.Errorf("hub: write %s: %w", d.file.Name(), err)
	}
	if err := os.Rename(d.file.Name(), dest); err != nil {
		return res, fmt.Errorf("hub: move %s into place: %w", f.Path, err)
	}
	syncDir(filepath.Dir(dest))
	return res, nil
}

// fetch runs one GET of the file, appending what arrives to d. onData is
// called after each block written, with its length.
func (c *Client) fetch(parent context.Context, rawURL string, t target, d *partial, onData func(int64)) attemptResult {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)

	req, err := c.newRequest(ctx, rawURL)
	if err != nil {
		return attemptResult{err: err}
	}
	if d.done > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(d.done, 10)+"-")
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return transportFailure(parent, rawURL, err)
	}
	defer resp.Body.Close()

	switch resp.StatusCode {
	case http.StatusOK:
		if d.done > 0 {
			// The server ignored the Range header and sends the whole file.
			if err := d.reset(); err != nil {
				return attemptResult{err: err}
			}
		}
		if resp.ContentLength >= 0 && resp.ContentLength != d.size {
			return attemptResult{err: d.sizeError(fmt.Sprintf("the server sends %d bytes", resp.ContentLength))}
		}
	case http.StatusPartialContent:
		start, total, err := parseContentRange(resp.Header.Get("Content-Range"))
		if err != nil {
			return attemptResult{err: fmt.Errorf("hub: GET %s: %w", rawURL, err), retryable: true}
		}
		if total >= 0 && total != d.size {
			return attemptResult{err: d.sizeError(fmt.Sprintf("the server reports %d bytes", total))}
		}
		if start != d.done {
			// Not the requested range: start again from the beginning.
			if err := d.reset(); err != nil {
				return attemptResult{err: err}
			}
			return attemptResult{err: fmt.Errorf("hub: GET %s: range starts at byte %d, requested %d", rawURL, start, d.done), retryable: true}
		}
	case http.StatusRequestedRangeNotSatisfiable:
		// The partial file does not fit the server's file: start again.
		if err := d.reset(); err != nil {
			return attemptResult{err: err}
		}
		return attemptResult{err: fmt.Errorf("hub: GET %s: range from byte %d not satisfiable", rawURL, d.done), retryable: true}
	default:
		return statusFailure(resp, rawURL, t, c.token != "")
	}

	// Read at most one byte more than the file should have, to detect a
	// server that sends too much without writing all of it.
	body := io.LimitReader(resp.Body, d.size-d.done+1)
	if c.stallTimeout > 0 {
		stall := newStallReader(body, c.stallTimeout, cancel)
		defer stall.stop()
		body = stall
	}
	received, err := d.append(body, onData)
	switch {
	case err != nil && errors.Is(err, errWrite):
		return attemptResult{err: err}
	case d.done > d.size:
		return attemptResult{err: d.sizeError("the server sent more")}
	case err != nil && parent.Err() == nil && errors.Is(context.Cause(ctx), errStalled):
		return attemptResult{
			err:       fmt.Errorf("hub: GET %s: %w (%v)", rawURL, errStalled, c.stallTimeout),
			retryable: true,
			progress:  received > 0,
		}
	case err != nil:
		r := transportFailure(parent, rawURL, err)
		r.progress = received > 0
		return r
	case d.done < d.size:
		return attemptResult{
			err:       fmt.Errorf("hub: GET %s: response ended at byte %d of %d", rawURL, d.done, d.size),
			retryable: true,
			progress:  received > 0,
		}
	}
	return attemptResult{}
}

var (
	errStalled = errors.New("no data received within the stall timeout")
	errWrite   = errors.New("write failed")
)

// partial is the .part file of a download and the running checksum of its
// content.
type partial struct {
	file   *os.File
	path   string // repository path, for messages
	size   int64  // expected size in bytes
	done   int64  // bytes in the file
	reused int64  // bytes reused from an earlier download, 0 after a reset
	sum    checksum
}

// openPartial opens or creates the partial file at name and hashes the bytes
// it already has. A partial file longer than f is emptied.
func openPartial(name string, f File) (*partial, error) {
	file, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("hub: open partial file: %w", err)
	}
	d := &partial{file: file, path: f.Path, size: f.Size, sum: newChecksum(f)}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("hub: open partial file: %w", err)
	}
	if info.Size() > f.Size {
		err = d.reset()
	} else {
		d.done, err = io.Copy(d.sum.hash, file)
		d.reused = d.done
	}
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("hub: read partial file %s: %w", name, err)
	}
	return d, nil
}

// reset empties the partial file for a download from the start.
func (d *partial) reset() error {
	if err := d.file.Truncate(0); err != nil {
		return fmt.Errorf("hub: truncate %s: %w", d.file.Name(), err)
	}
	if _, err := d.file.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("hub: truncate %s: %w", d.file.Name(), err)
	}
	d.done, d.reused = 0, 0
	d.sum.reset()
	return nil
}

// append copies r to the end of the file and into the checksum. Write errors
// wrap errWrite and read errors are returned as they are.
func (d *partial) append(r io.Reader, onData func(int64)) (int64, error) {
	var received int64
	buf := make([]byte, copyBufferBytes)
	for {
		n, readErr := r.Read(buf)
		if n > 0 {
			if _, err := d.file.Write(buf[:n]); err != nil {
				return received, fmt.Errorf("hub: %w: %s: %w", errWrite, d.file.Name(), err)
			}
			d.sum.hash.Write(buf[:n])
			d.done += int64(n)
			received += int64(n)
			onData(int64(n))
		}
		if readErr == io.EOF {
			return received, nil
		}
		if readErr != nil {
			return received, readErr
		}
	}
}

func (d *partial) sizeError(detail string) error {
	return fmt.Errorf("hub: %w for %s: the listing gives %d bytes but %s; the partial file was removed, try again later",
		ErrSize, d.path, d.size, detail)
}

// verify compares the checksum of the complete file with the listing.
func (d *partial) verify() error {
	if got := d.sum.sum(); got != d.sum.want {
		return fmt.Errorf("hub: %w for %s: %s %s, the listing gives %s; the partial file was removed, try again",
			ErrChecksum, d.path, d.sum.kind, got, d.sum.want)
	}
	return nil
}

func (d *partial) remove() {
	d.file.Close()
	os.Remove(d.file.Name())
}

// checksum is the running hash a file is checked with: SHA-256 of the content
// for LFS files, or the Git blob id, SHA-1 of "blob SIZE\x00" and the content,
// for files stored in Git.
type checksum struct {
	kind   string // "sha256" or "git blob id"
	want   string
	size   int64
	hash   hash.Hash
	prefix bool // whether the Git blob header is hashed first
}

func newChecksum(f File) checksum {
	c := checksum{kind: "sha256", want: f.SHA256, size: f.Size}
	if !f.LFS() {
		c.kind, c.want, c.prefix = "git blob id", f.BlobID, true
	}
	c.reset()
	return c
}

func (c *checksum) reset() {
	if !c.prefix {
		c.hash = sha256.New()
		return
	}
	c.hash = sha1.New()
	fmt.Fprintf(c.hash, "blob %d\x00", c.size)
}

func (c *checksum) sum() string { return hex.EncodeToString(c.hash.Sum(nil)) }

// alreadyPresent reports whether dest exists with f's size and checksum.
func alreadyPresent(dest string, f File) (bool, error) {
	info, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("hub: check %s: %w", dest, err)
	}
	if !info.Mode().IsRegular() || info.Size() != f.Size {
		return false, nil
	}
	file, err := os.Open(dest)
	if err != nil {
		return false, fmt.Errorf("hub: check %s: %w", dest, err)
	}
	defer file.Close()
	sum := newChecksum(f)
	if _, err := io.Copy(sum.hash, file); err != nil {
		return false, fmt.Errorf("hub: check %s: %w", dest, err)
	}
	return sum.sum() == sum.want, nil
}

// parseContentRange parses "bytes START-END/TOTAL"; total is -1 for "*".
func parseContentRange(v string) (start, total int64, err error) {
	spec, ok := strings.CutPrefix(v, "bytes ")
	rng, size, ok2 := strings.Cut(spec, "/")
	first, _, ok3 := strings.Cut(rng, "-")
	if !ok || !ok2 || !ok3 {
		return 0, 0, fmt.Errorf("invalid Content-Range %q", v)
	}
	if start, err = strconv.ParseInt(first, 10, 64); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("invalid Content-Range %q", v)
	}
	if size == "*" {
		return start, -1, nil
	}
	if total, err = strconv.ParseInt(size, 10, 64); err != nil || total < 0 {
		return 0, 0, fmt.Errorf("invalid Content-Range %q", v)
	}
	return start, total, nil
}

// syncDir flushes a folder so that a rename in it survives a crash. Errors
// are ignored: some file systems do not support it, and the file itself is
// already synced.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// stallReader cancels a download's context, and so its blocked read, when no
// data arrives for timeout.
type stallReader struct {
	r       io.Reader
	timeout time.Duration
	timer   *time.Timer
}

func newStallReader(r io.Reader, timeout time.Duration, cancel context.CancelCauseFunc) *stallReader {
	return &stallReader{r: r, timeout: timeout, timer: time.AfterFunc(timeout, func() { cancel(errStalled) })}
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.timer.Reset(s.timeout)
	}
	return n, err
}

func (s *stallReader) stop() { s.timer.Stop() }
