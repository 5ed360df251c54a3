package hub

import (
	"errors"
	"fmt"
	"net/http"
)

var (
	// ErrUnauthorized is matched by an *HTTPError with status 401 or 403.
	ErrUnauthorized = errors.New("hub: unauthorized")
	// ErrNotFound is matched by an *HTTPError with status 404, or 401 with
	// the hub's RepoNotFound code, which it sends for a missing repository
	// when no token is given.
	ErrNotFound = errors.New("hub: not found")
	// ErrUnreachable is matched by an *UnreachableError.
	ErrUnreachable = errors.New("hub: host unreachable")
	// ErrChecksum is wrapped by the error for a download whose SHA-256 (or
	// git blob hash, for files not stored in LFS) differs from the listing.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrSize is wrapped by the error for a download whose size differs from
	// the listing.
	ErrSize = errors.New("size mismatch")
)

// An HTTPError is a response from the hub with an unexpected status.
type HTTPError struct {
	// URL is the requested URL.
	URL string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Code is the hub's X-Error-Code header, such as "RepoNotFound",
	// "RevisionNotFound", "EntryNotFound" or "GatedRepo"; it may be empty.
	Code string
	// Message is the hub's X-Error-Message header, or the start of the body.
	Message string
	// Repo, Revision and Path name what was requested; Path is empty for a
	// file listing.
	Repo, Revision, Path string
	// TokenSet reports whether the request carried a token.
	TokenSet bool
}

func (e *HTTPError) Error() string {
	prefix := fmt.Sprintf("hub: GET %s: %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if e.notFound() {
		return prefix + ": " + e.notFoundDetail()
	}
	switch e.StatusCode {
	case http.StatusUnauthorized:
		if e.TokenSet {
			return prefix + fmt.Sprintf(": the token in %s was rejected; check that it is valid and has read access", EnvToken)
		}
		return prefix + fmt.Sprintf(": %s requires authentication; set %s to a Hugging Face access token with read access", e.Repo, EnvToken)
	case http.StatusForbidden:
		if e.TokenSet {
			return prefix + fmt.Sprintf(": the account of the token in %s has no access to %s; accept its terms or request access on the repository page", EnvToken, e.Repo)
		}
		return prefix + fmt.Sprintf(": access to %s denied; set %s to a token of an account with access", e.Repo, EnvToken)
	}
	if e.Message != "" {
		return prefix + ": " + e.Message
	}
	return prefix
}

func (e *HTTPError) notFound() bool {
	return e.StatusCode == http.StatusNotFound || e.Code == "RepoNotFound"
}

func (e *HTTPError) notFoundDetail() string {
	switch {
	case e.Code == "RepoNotFound" && !e.TokenSet:
		return fmt.Sprintf("repository %s not found; if it is private or gated, set %s", e.Repo, EnvToken)
	case e.Code == "RepoNotFound":
		return fmt.Sprintf("repository %s not found, or the token in %s has no access to it", e.Repo, EnvToken)
	case e.Code == "RevisionNotFound":
		return fmt.Sprintf("revision %q not found in %s", e.Revision, e.Repo)
	case e.Path != "":
		return fmt.Sprintf("file %s not found in %s at revision %q", e.Path, e.Repo, e.Revision)
	default:
		return fmt.Sprintf("repository %s or revision %q not found", e.Repo, e.Revision)
	}
}

// Is reports whether e matches ErrUnauthorized or ErrNotFound.
func (e *HTTPError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.notFound()
	case ErrUnauthorized:
		return !e.notFound() && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden)
	}
	return false
}

// An UnreachableError reports a hub or storage host that could not be
// connected to: a name that does not resolve, a refused connection or a
// network that is down.
type UnreachableError struct {
	// URL is the requested URL.
	URL string
	// Err is the network error.
	Err error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("hub: cannot reach %s: %v", e.URL, e.Err)
}

// Unwrap returns the network error.
func (e *UnreachableError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnreachable.
func (e *UnreachableError) Is(target error) bool { return target == ErrUnreachable }
