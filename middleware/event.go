package middleware

import (
	"net/url"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
)

// Event is something a layer did to a request that an observer (a tracing
// span, a log line) may want to report: a retry, a failover, a breaker
// rejection, a store or cache hit. Call.Events returns copies, safe to
// read from several goroutines.
type Event struct {
	Name string    // e.g. EventRetry
	URL  string    // the URL concerned, if any, redacted
	Err  error     // what caused it, if anything; its text redacted (errors.Is and As see the cause)
	At   time.Time // when it happened

	url *url.URL // AddEventURL's, formatted into URL when the events are read
}

// Event names recorded by taroreq's layers.
const (
	EventRetry            = "retry"             // an attempt failed and is retried
	EventFailover         = "failover"          // a URL failed; the next backup is tried
	EventBreakerOpen      = "breaker.open"      // the breaker refused an attempt
	EventStoreHit         = "store.hit"         // the store answered without the network
	EventStoreFallback    = "store.fallback"    // stale stored data answered after every URL failed
	EventCacheHit         = "cache.hit"         // the HTTP cache answered without the network
	EventCacheRevalidated = "cache.revalidated" // a stale entry was confirmed by a 304
)

// AddEvent records e (At set to now when zero).
func (c *Call) AddEvent(e Event) {
	if c == nil {
		return
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	c.mu.Lock()
	if c.events == nil {
		c.events = c.firstEvent[:0]
	}
	c.events = append(c.events, e)
	c.mu.Unlock()
}

// RedactedURL is credential.URL(u): the text of u without secrets, taken
// from Settings.URLText when u is the URL the client built.
func (c *Call) RedactedURL(u *url.URL) string {
	if c != nil && c.Settings.URLText != "" && c.Settings.URL != nil && u != nil &&
		(u == c.Settings.URL || *u == *c.Settings.URL) {
		if c.Settings.URLRedacted != "" {
			return c.Settings.URLRedacted
		}
		return credential.URLText(u, c.Settings.URLText)
	}
	return credential.URL(u)
}

// AddEventURL records an event about u (which must not change after), Err
// err. The URL's redacted text is made only if the events are read: most
// requests have no observer.
func (c *Call) AddEventURL(name string, u *url.URL, err error) {
	c.AddEvent(Event{Name: name, Err: err, url: u})
}

// EventCount returns how many events have been recorded so far: a mark
// for reading, in Events, those recorded after it.
func (c *Call) EventCount() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.events)
}

// Events returns a copy of the events recorded so far, in order.
func (c *Call) Events() []Event {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.events {
		e := &c.events[i]
		if e.url != nil {
			e.URL, e.url = credential.URL(e.url), nil
		}
		// The cause's text may quote a URL with its token, or a header line
		// of one of the client's credential header names.
		e.Err = credential.RedactErrorNaming(e.Err, c.Settings.CredentialHeaders)
	}
	return append([]Event(nil), c.events...)
}
