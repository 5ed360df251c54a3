// Package hub downloads model files from the Hugging Face hub. It lists a
// repository's files with their sizes and checksums and selects the Kokoro
// ONNX variants and voice packs to fetch. It downloads them resumably into a
// folder laid out like the repository, checking size and SHA-256.
//
// The package talks to the hub's public HTTP API only. It keeps no cache of
// its own beyond the destination folder and does not upload.
package hub

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const (
	// DefaultEndpoint is the hub used when HF_ENDPOINT is unset.
	DefaultEndpoint = "https://huggingface.co"
	// DefaultRepo is the repository of the ONNX exports of Kokoro-82M v1.0.
	DefaultRepo = "onnx-community/Kokoro-82M-v1.0-ONNX"
	// DefaultRevision is the branch downloaded when none is given.
	DefaultRevision = "main"

	// EnvEndpoint names the variable that overrides DefaultEndpoint, as in
	// the hub's own client libraries.
	EnvEndpoint = "HF_ENDPOINT"
	// EnvToken names the variable holding a hub access token, sent as a
	// bearer token.
	EnvToken = "HF_TOKEN"

	// DefaultMaxAttempts is how many times a request is tried in a row
	// without progress before its last error is returned.
	DefaultMaxAttempts = 4
	// DefaultRetryDelay is the wait before the first retry. It doubles for
	// each further retry, up to maxRetryDelay.
	DefaultRetryDelay = 1 * time.Second
	// DefaultStallTimeout is how long a download may receive no data before
	// its connection is dropped and the download resumed.
	DefaultStallTimeout = 60 * time.Second

	maxRetryDelay = 30 * time.Second
	userAgent     = "ttsbench-hub/1"
)

// repoPattern matches a repository id "owner/name".
var repoPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$`)

// A Client lists and downloads files from one hub endpoint. It is safe for
// concurrent use, but two downloads to the same destination file at once
// corrupt each other's partial file.
type Client struct {
	endpoint     string
	token        string
	httpClient   *http.Client
	maxAttempts  int
	retryDelay   time.Duration
	stallTimeout time.Duration
	logger       *slog.Logger
}

// An Option changes a Client's settings in NewClient.
type Option func(*Client)

// WithEndpoint sets the hub's base URL, overriding HF_ENDPOINT.
func WithEndpoint(endpoint string) Option {
	return func(c *Client) { c.endpoint = endpoint }
}

// WithToken sets the access token, overriding HF_TOKEN. An empty token sends
// no Authorization header.
func WithToken(token string) Option {
	return func(c *Client) { c.token = token }
}

// WithHTTPClient sets the HTTP client. Its CheckRedirect policy must follow
// redirects, because the hub redirects file downloads to a storage host.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) { c.httpClient = hc }
}

// WithRetry sets how many attempts in a row a request gets without progress
// (at least 1) and the wait before the first retry, which doubles after each
// further failure up to 30 s.
func WithRetry(maxAttempts int, firstDelay time.Duration) Option {
	return func(c *Client) {
		c.maxAttempts = max(1, maxAttempts)
		c.retryDelay = max(0, firstDelay)
	}
}

// WithStallTimeout sets how long a download may receive no data before the
// connection is dropped and the download resumed. Zero or less disables the
// check.
func WithStallTimeout(d time.Duration) Option {
	return func(c *Client) { c.stallTimeout = d }
}

// WithLogger sets the logger for retries. By default nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.logger = l }
}

// NewClient returns a client for the endpoint in HF_ENDPOINT (DefaultEndpoint
// when unset) with the token in HF_TOKEN, then applies opts. It returns an
// error when the endpoint is not an http or https URL.
func NewClient(opts ...Option) (*Client, error) {
	c := &Client{
		endpoint:     os.Getenv(EnvEndpoint),
		token:        os.Getenv(EnvToken),
		maxAttempts:  DefaultMaxAttempts,
		retryDelay:   DefaultRetryDelay,
		stallTimeout: DefaultStallTimeout,
	}
	for _, opt := range opts {
		opt(c)
	}

	if c.endpoint == "" {
		c.endpoint = DefaultEndpoint
	}
	c.endpoint = strings.TrimRight(c.endpoint, "/")
	u, err := url.Parse(c.endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("hub: invalid endpoint %q (from %s or WithEndpoint): expected an http or https URL such as %s",
			c.endpoint, EnvEndpoint, DefaultEndpoint)
	}
	if c.httpClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = DefaultStallTimeout
		c.httpClient = &http.Client{Transport: t}
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// Endpoint returns the hub's base URL, without a trailing slash.
func (c *Client) Endpoint() string { return c.endpoint }

// LogValue reports the endpoint and whether a token is set, never the token.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("endpoint", c.endpoint), slog.Bool("token_set", c.token != ""))
}

// FileURL returns the download URL of path in repo at revision.
func (c *Client) FileURL(repo, revision, path string) string {
	segments := strings.Split(path, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return c.endpoint + "/" + repo + "/resolve/" + url.PathEscape(revision) + "/" + strings.Join(segments, "/")
}

func checkRepo(repo, revision string) error {
	if !repoPattern.MatchString(repo) {
		return fmt.Errorf("hub: invalid repository id %q: expected owner/name such as %s", repo, DefaultRepo)
	}
	if revision == "" {
		return fmt.Errorf("hub: empty revision for %s: give a branch, tag or commit such as %s", repo, DefaultRevision)
	}
	return nil
}

// target names what a request is about, for error messages.
type target struct {
	repo, revision, path string
}

// newRequest builds a GET request with the client's headers. The token goes
// only into the request to the hub; net/http drops the Authorization header
// when a redirect leads to another host.
func (c *Client) newRequest(ctx context.Context, rawURL string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("hub: build request for %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", userAgent)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

// attemptResult is the outcome of one try in retryLoop.
type attemptResult struct {
	err       error
	retryable bool
	progress  bool          // whether the attempt received data before failing
	wait      time.Duration // minimum wait requested by the server (Retry-After)
}

// retryLoop runs attempt until it succeeds, fails with a permanent error, or
// fails c.maxAttempts times in a row without progress.
func (c *Client) retryLoop(ctx context.Context, rawURL string, attempt func() attemptResult) error {
	failures := 0
	for n := 1; ; n++ {
		r := attempt()
		if r.err == nil {
			return nil
		}
		if !r.retryable || ctx.Err() != nil {
			return r.err
		}
		if r.progress {
			failures = 0
		}
		failures++
		if failures >= c.maxAttempts {
			return fmt.Errorf("%w (gave up after %d attempts)", r.err, failures)
		}

		delay := c.retryDelay << (failures - 1)
		delay = min(delay, maxRetryDelay)
		delay += time.Duration(rand.Int64N(int64(delay)/4 + 1)) // jitter so clients do not retry in step
		delay = max(delay, r.wait)
		c.logger.Warn("retrying hub request", "url", rawURL, "attempt", n, "delay", delay, "error", r.err)

		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("hub: %s: %w", rawURL, context.Cause(ctx))
		case <-timer.C:
		}
	}
}

// transportFailure turns an error from http.Client.Do or a body read into an
// attempt result.
func transportFailure(ctx context.Context, rawURL string, err error) attemptResult {
	if ctx.Err() != nil {
		return attemptResult{err: fmt.Errorf("hub: %s: %w", rawURL, context.Cause(ctx))}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		// A name that does not resolve will not resolve a second later.
		return attemptResult{err: &UnreachableError{URL: rawURL, Err: err}}
	}
	var opErr *net.OpError
	if (errors.As(err, &opErr) && opErr.Op == "dial") || errors.As(err, &dnsErr) {
		return attemptResult{err: &UnreachableError{URL: rawURL, Err: err}, retryable: true}
	}
	return attemptResult{err: fmt.Errorf("hub: %s: %w", rawURL, err), retryable: true}
}

// statusFailure turns a response with an unexpected status into an attempt
// result, reading a short part of the body for the message.
func statusFailure(resp *http.Response, rawURL string, t target, tokenSet bool) attemptResult {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	e := &HTTPError{
		URL:        rawURL,
		StatusCode: resp.StatusCode,
		Code:       resp.Header.Get("X-Error-Code"),
		Message:    resp.Header.Get("X-Error-Message"),
		Repo:       t.repo,
		Revision:   t.revision,
		Path:       t.path,
		TokenSet:   tokenSet,
	}
	if e.Message == "" {
		// Keep the first line of a plain error body; drop it when it only
		// repeats the status text.
		line, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
		if line = strings.TrimSpace(line); line != http.StatusText(resp.StatusCode) && !strings.HasPrefix(line, "<") {
			e.Message = line
		}
	}
	r := attemptResult{err: e}
	switch resp.StatusCode {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		r.retryable = true
		r.wait = retryAfter(resp.Header.Get("Retry-After"))
	}
	return r
}

// retryAfter parses a Retry-After header, in seconds or as an HTTP date,
// capped at one minute. It returns 0 when the header is absent or invalid.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(v); err == nil {
		d = time.Until(at)
	}
	return min(max(d, 0), time.Minute)
}
