package breaker

import (
	"errors"
	"net/http"
	"time"

	"github.com/sony/gobreaker/v2"
)

// Defaults of the layer. A circuit trips when, within one interval, at
// least DefaultMinRequests attempts were made and at least
// DefaultFailureRatio of them failed (resilience4j's and Envoy's model: a
// failure ratio over a minimum volume), not after a few failures in a row:
// two failing calls with their retries to one endpoint must not cut a
// healthy endpoint of the same origin off for the open timeout.
const (
	DefaultFailureRatio = 0.5
	DefaultMinRequests  = 20
	DefaultOpenTimeout  = 10 * time.Second
	DefaultInterval     = 60 * time.Second
	DefaultIdleTimeout  = 5 * time.Minute
)

// DefaultThreshold was the default rule: trip after this many consecutive
// failures. WithThreshold(DefaultThreshold) keeps that rule.
//
// Deprecated: the default is now the failure ratio (DefaultFailureRatio
// over DefaultMinRequests); the constant is kept so that code written for
// it compiles.
const DefaultThreshold = 5

// Option configures the layer. A nil Option means the default.
// Options only set the configuration when it is built: one may be reused
// for several layers (each layer keeps circuits of its own) and passed
// between goroutines.
// The functions given to options are called from the goroutines of the
// requests, several at once: they must be safe for concurrent use.
type Option func(*config)

type config struct {
	key         func(*http.Request) string
	failed      func(*http.Response, error) bool
	threshold   uint32  // consecutive failures that trip; 0: the ratio rule
	ratio       float64 // the failure ratio that trips...
	minRequests uint32  // ...over at least this many attempts
	openTimeout time.Duration
	interval    time.Duration
	halfOpen    uint32
	onChange    func(key string, from, to State)
	idle        time.Duration
	now         func() time.Time
}

func defaults() config {
	return config{
		key:         nil, // the origin: see transport.circuitFor
		failed:      defaultFailed,
		ratio:       DefaultFailureRatio,
		minRequests: DefaultMinRequests,
		openTimeout: DefaultOpenTimeout,
		interval:    DefaultInterval,
		halfOpen:    1,
		idle:        DefaultIdleTimeout,
		now:         time.Now,
	}
}

// WithKey sets which requests share a circuit. The default (and a nil f)
// is the origin, scheme://host. The key is shown as it is where circuits
// are named (OpenError's text, the state-change callback, the tracing
// layer's taroreq.breaker.key gauge): make it of nothing secret, a host or
// a route, not a URL with its query.
func WithKey(f func(*http.Request) string) Option { return func(c *config) { c.key = f } }

// WithFailure replaces what counts as a failure (default, and nil: an error
// or a status of 500 and above). It judges a read of the body that fails
// too, given the response and the read's error (a body cut short, a timeout
// while it drips).
func WithFailure(f func(*http.Response, error) bool) Option {
	return func(c *config) {
		c.failed = f
		if f == nil {
			c.failed = defaultFailed
		}
	}
}

// WithThreshold trips a circuit after n consecutive failures instead of the
// default ratio rule (WithFailureRatio). Zero is read as 1, not as the
// default: the first failure trips.
func WithThreshold(n uint32) Option { return func(c *config) { c.threshold = max(n, 1) } }

// WithFailureRatio trips a circuit when, within one interval, at least
// minRequests attempts were made and at least ratio of them failed
// (default 0.5 over 20). A ratio outside (0, 1] keeps the default ratio; a
// minRequests of zero is read as 1. It replaces a WithThreshold given
// before it.
func WithFailureRatio(ratio float64, minRequests uint32) Option {
	return func(c *config) {
		if ratio > 0 && ratio <= 1 {
			c.ratio = ratio
		}
		c.minRequests, c.threshold = max(minRequests, 1), 0
	}
}

// WithOpenTimeout sets how long a circuit stays open before it lets a probe
// through (default 10s). Zero or negative keeps the default (gobreaker would
// read it as its own, 60s).
func WithOpenTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.openTimeout = d
		}
	}
}

// WithInterval sets how often the counts of a closed circuit are cleared
// (default 60s), so that rare failures never add up to a trip. Zero or
// negative keeps the default (gobreaker would never clear them).
func WithInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.interval = d
		}
	}
}

// WithHalfOpenRequests sets how many probes a half-open circuit lets through
// (default 1; zero is read as 1).
func WithHalfOpenRequests(n uint32) Option { return func(c *config) { c.halfOpen = max(n, 1) } }

// WithStateChange calls f whenever a circuit changes state. f must not
// block: it runs under the circuit's lock. Circuits of different keys may
// call it at once, so it must be safe for concurrent use. Nil, the
// default, calls nothing.
func WithStateChange(f func(key string, from, to State)) Option {
	return func(c *config) { c.onChange = f }
}

// WithIdleTimeout sets how long a circuit may go without a request before
// it is dropped (default 5 minutes), so that a client meeting many origins
// does not keep a circuit for each for its whole life. Only a closed circuit
// with no consecutive failure and no request under way is dropped, which is
// what a new circuit would be: nothing is forgotten. Idle circuits are
// dropped when a new circuit is made, between d and 2d after their last
// request. Zero or negative keeps every circuit.
func WithIdleTimeout(d time.Duration) Option { return func(c *config) { c.idle = d } }

// WithClock sets the clock of the idle timeout (default time.Now; nil
// keeps it). The circuits' own timing (open timeout, interval) is
// gobreaker's, on the real clock.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// settings are gobreaker's for the circuit of key.
func (c *config) settings(key string) gobreaker.Settings {
	threshold, ratio, minRequests := c.threshold, c.ratio, c.minRequests
	trip := func(n gobreaker.Counts) bool {
		return n.Requests >= minRequests && float64(n.TotalFailures) >= ratio*float64(n.Requests)
	}
	if threshold > 0 {
		trip = func(n gobreaker.Counts) bool { return n.ConsecutiveFailures >= threshold }
	}
	s := gobreaker.Settings{
		Name:        key,
		MaxRequests: c.halfOpen,
		Interval:    c.interval,
		Timeout:     c.openTimeout,
		ReadyToTrip: trip,
		IsExcluded:  func(err error) bool { return errors.Is(err, errCanceled) },
	}
	if c.onChange != nil {
		s.OnStateChange = func(name string, from, to gobreaker.State) { c.onChange(name, from, to) }
	}
	return s
}
