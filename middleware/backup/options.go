package backup

import (
	"net/http"
	"slices"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware/retry"
)

// Fallback may answer a request whose every URL failed; ok false (or a nil
// resp) means it has nothing, and the error stands. A resp with a nil Body
// is an empty one (nothing, when its Content-Length says otherwise).
// Failing requests call it at once: it must be safe for concurrent use.
type Fallback func(req *http.Request, err error) (resp *http.Response, ok bool)

// Option configures the layer. A nil Option means the default.
// Options only set the configuration when it is built: one may be reused
// for several layers and passed between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	urls            []string
	failed          func(*http.Response, error) bool
	ownFailure      bool // WithFailure gave a rule: the datacheck layer cannot know it
	keepCredentials bool
	credHeaders     []string
	fallback        Fallback
}

// WithURLs sets the backup URLs for requests that carry no
// middleware.Settings (absolute URLs).
func WithURLs(urls ...string) Option {
	urls = slices.Clone(urls) // the caller may refill its slice
	return func(c *config) { c.urls = urls }
}

// WithFailure replaces what counts as a failed URL, one to fail over from
// (default, and nil: retry.Failed). An error it does not count (it is given
// a nil response then) ends the request with that error: there is no
// answer to hand on.
func WithFailure(f func(*http.Response, error) bool) Option {
	return func(c *config) {
		c.failed, c.ownFailure = f, f != nil
		if f == nil {
			c.failed = retry.Failed
		}
	}
}

// WithCredentialsAcrossOrigins sends the credential headers to backups of
// another origin too; Proxy-Authorization still never goes to an https one
// (through a proxy, net/http would write it to that origin, in its tunnel).
func WithCredentialsAcrossOrigins() Option { return func(c *config) { c.keepCredentials = true } }

// WithCredentialHeaders adds header names to the credential set that is
// not sent to a backup of another origin (a client adds its own through
// middleware.Settings.CredentialHeaders).
func WithCredentialHeaders(names ...string) Option {
	return func(c *config) { c.credHeaders = append(c.credHeaders, credential.TrimNames(names)...) }
}

// WithFallback sets what answers when every URL failed (nil, the default:
// nothing does).
func WithFallback(f Fallback) Option { return func(c *config) { c.fallback = f } }

// WithFailed is WithFailure under its old name: every layer's failure
// predicate is now called WithFailure (breaker.WithFailure too).
//
// Deprecated: use WithFailure.
func WithFailed(f func(*http.Response, error) bool) Option { return WithFailure(f) }
