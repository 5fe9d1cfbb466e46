package transports

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Any matches every method or every URL in Scripted.On and Scripted.Count.
const Any = "*"

// Step is one answer of a Script: a response, or an error when Err is set.
// The zero Step is a 200 with no header and an empty body. It is a plain
// value; Script.Then copies it.
type Step struct {
	// Status is the response's status code; zero means 200.
	Status int
	// Header is the response's header; each response gets its own copy,
	// whose Content-Length, if it has one, is the body's length (but for
	// HEAD, a 1xx, a 204, a 205 or a 304, where it is kept as given).
	Header http.Header
	// Body is the response's body; each response gets a fresh reader over
	// it. A HEAD request gets an empty body.
	Body []byte
	// Err, when set, is what RoundTrip returns instead of a response, as it
	// is (not wrapped).
	Err error
	// BodyErr, when set, breaks the body: it reads Body, then fails with
	// BodyErr (io.ErrUnexpectedEOF for a body cut short, a reset...), and
	// announces no length, as a connection that broke mid-body gives it.
	// Nil means the body ends well.
	BodyErr error
	// Delay is how long RoundTrip waits before it answers. The wait ends
	// early with the context's error when the request's context is done; the
	// step is consumed all the same.
	Delay time.Duration
}

// Script is the sequence of steps a Scripted answers one method and URL
// with. Its methods append steps and return the script, so that calls chain.
// It is safe for concurrent use, with its Scripted. Only Scripted.On makes
// one that answers: a Script made otherwise (the zero value, a nil *Script)
// belongs to no Scripted, and its methods keep nothing.
type Script struct {
	owner *Scripted
	steps []Step
	next  int
}

// Then appends steps. Their headers and bodies are copied, so the caller may
// reuse them.
func (sc *Script) Then(steps ...Step) *Script {
	if sc == nil || sc.owner == nil {
		return sc // no Scripted reads it: keeping steps would only hide the mistake
	}
	sc.owner.mu.Lock()
	defer sc.owner.mu.Unlock()
	for _, st := range steps {
		st.Header = st.Header.Clone()
		st.Body = bytes.Clone(st.Body)
		sc.steps = append(sc.steps, st)
	}
	return sc
}

// Respond appends a response with this status and body and no header.
func (sc *Script) Respond(status int, body string) *Script {
	return sc.Then(Step{Status: status, Body: []byte(body)})
}

// Fail appends a step that fails the request with err. A nil err, which
// would read as a silent 200, is a mistake in the script: its Scripted then
// fails every request with an error matching ErrBadScript (see Scripted.Err).
func (sc *Script) Fail(err error) *Script {
	if err == nil {
		if sc != nil && sc.owner != nil {
			sc.owner.setupMistake(&ScriptError{Call: "Fail(nil)", Reason: "a nil error would read as a 200"})
		}
		return sc
	}
	return sc.Then(Step{Err: err})
}

// Received is a request as a Scripted received it. It is a plain value;
// Scripted.Requests returns copies that the caller owns.
type Received struct {
	Method string      // "GET" for the empty method
	URL    string      // req.URL.String()
	Header http.Header // a clone of req.Header
	Body   []byte      // the whole body; nil when there was none
}

// ScriptOption configures a Scripted. A nil one means the default.
// ScriptOptions only set the configuration when it is built: one may be
// reused for several Scripteds and passed between goroutines.
type ScriptOption func(*Scripted)

// NoRepeat makes a script that has run out of steps fail with ErrExhausted,
// instead of repeating its last step.
func NoRepeat() ScriptOption { return func(s *Scripted) { s.noRepeat = true } }

// Scripted is a fake http.RoundTripper that answers from scripts, with no
// network: each script, set up with On, is a sequence of responses and
// errors for one method and URL. It records every request it receives.
//
// A request is matched on its method and on its URL's scheme and host (both
// case-insensitive, the port as written), escaped path (empty meaning "/")
// and raw query, exactly; userinfo and fragment are ignored. A script for
// the exact method and URL wins over one for Any URL, and an exact method
// wins over Any method. Each request consumes the script's next step; the
// last step repeats, unless NoRepeat was given. A request that no script
// matches fails with ErrNoScript.
//
// A request whose context is done on arrival fails with the context's error
// and is neither recorded nor given a step, as if it never left the client.
// Otherwise its body is read whole and closed, and the request is recorded
// before it is answered; if its context ends while the body is read (an
// upload that stalls), the body is closed and the request fails with the
// context's error, unrecorded and given no step.
//
// A mistake in setting it up (a URL pattern that is neither Any nor an
// absolute URL, Fail(nil)) is not a panic: the Scripted keeps the first one,
// Err returns it, and every request fails with it (it matches ErrBadScript
// and middleware.ErrNoRetry), so that the test that made it fails saying
// what it was rather than passing on a script that never answers.
//
// The zero value is ready to use and repeats last steps. A nil *Scripted has
// received nothing (Requests is empty, Count 0) and fails every request with
// an error, its body closed; On returns a Script that keeps nothing. A
// Scripted is safe for concurrent use; steps are handed out in the order
// requests arrive.
type Scripted struct {
	mu       sync.Mutex
	noRepeat bool
	scripts  map[scriptKey]*Script
	received []received
	mistake  error // the first mistake in setting it up; nil when none
}

type scriptKey struct{ method, url string }

type received struct {
	key string // matchKey of the URL
	r   Received
}

// NewScripted returns a Scripted with no scripts.
func NewScripted(opts ...ScriptOption) *Scripted {
	s := &Scripted{}
	for _, o := range opts {
		if o != nil { // nil means the default
			o(s)
		}
	}
	return s
}

// On returns the script for method and rawURL, creating an empty one on the
// first call; later calls with the same method and URL return the same
// script. Either may be Any. A rawURL that is neither Any nor an absolute
// URL is a mistake (see Scripted): the Script returned answers nothing.
func (s *Scripted) On(method, rawURL string) *Script {
	if s == nil {
		return &Script{} // nowhere to keep it; a nil Scripted fails every request
	}
	p, err := patternKey("On", method, rawURL)
	if err != nil {
		s.setupMistake(err)
		return &Script{owner: s}
	}
	k := scriptKey{methodKey(method), p}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.scripts == nil {
		s.scripts = make(map[scriptKey]*Script)
	}
	sc := s.scripts[k]
	if sc == nil {
		sc = &Script{owner: s}
		s.scripts[k] = sc
	}
	return sc
}

// Requests returns a copy of every request received so far, in order of
// arrival.
func (s *Scripted) Requests() []Received {
	if s == nil {
		return []Received{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.received))
	for i, r := range s.received {
		out[i] = r.r
		out[i].Header = r.r.Header.Clone()
		out[i].Body = bytes.Clone(r.r.Body)
	}
	return out
}

// Count returns how many requests with this method and URL were received,
// matched as On matches them; either may be Any. A rawURL that is neither
// Any nor an absolute URL counts 0 and is a mistake (see Scripted).
func (s *Scripted) Count(method, rawURL string) int {
	if s == nil {
		return 0
	}
	m := methodKey(method)
	u, err := patternKey("Count", method, rawURL)
	if err != nil {
		s.setupMistake(err)
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.received {
		if (m == Any || m == r.r.Method) && (u == Any || u == r.key) {
			n++
		}
	}
	return n
}

// RoundTrip answers req with the next step of its script.
func (s *Scripted) RoundTrip(req *http.Request) (*http.Response, error) {
	if s == nil {
		middleware.CloseRequestBody(req)
		return nil, errors.New("transports: nil *Scripted (make one with NewScripted)")
	}
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		middleware.CloseRequestBody(req)
		return nil, err
	}
	m, u := method(req.Method), req.URL.String()
	body, err := readBody(req)
	if err != nil {
		return nil, fmt.Errorf("transports: %s: reading request body: %w", describe(m, u), err)
	}
	key := matchKey(req.URL)

	s.mu.Lock()
	s.received = append(s.received, received{key: key, r: Received{
		Method: m, URL: u, Header: req.Header.Clone(), Body: body,
	}})
	st, err := s.nextLocked(m, key)
	if s.mistake != nil {
		err = s.mistake
	}
	s.mu.Unlock()

	if err != nil {
		return nil, notRetried{fmt.Errorf("transports: %s: %w", describe(m, u), err)}
	}
	if err := sleep(ctx, st.Delay); err != nil {
		return nil, err
	}
	if st.Err != nil {
		return nil, st.Err
	}
	resp := newResponse(req, st.Status, st.Header, st.Body)
	if st.BodyErr != nil && !middleware.Bodiless(req.Method, resp.StatusCode) {
		breakBody(resp, st.Body, st.BodyErr)
	}
	return resp, nil
}

// nextLocked consumes the next step of the script that matches; s.mu is held.
func (s *Scripted) nextLocked(m, key string) (Step, error) {
	var sc *Script
	for _, k := range []scriptKey{{m, key}, {Any, key}, {m, Any}, {Any, Any}} {
		if sc = s.scripts[k]; sc != nil {
			break
		}
	}
	switch {
	case sc == nil:
		return Step{}, ErrNoScript
	case len(sc.steps) == 0, sc.next >= len(sc.steps) && s.noRepeat:
		return Step{}, ErrExhausted
	case sc.next >= len(sc.steps):
		return sc.steps[len(sc.steps)-1], nil
	}
	st := sc.steps[sc.next]
	sc.next++
	return st, nil
}

// methodKey is the method as On and Count match it.
func methodKey(m string) string {
	if m == Any {
		return Any
	}
	return method(m)
}

// Err returns the first mistake made in setting s up (a malformed URL given
// to On or Count, Fail(nil)), or nil. It matches ErrBadScript.
func (s *Scripted) Err() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mistake
}

// setupMistake keeps err when it is the first mistake.
func (s *Scripted) setupMistake(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mistake == nil {
		s.mistake = err
	}
}

// patternKey is the matchKey of an On or Count URL, or Any; call names the
// method given it, for the error.
func patternKey(call, method, rawURL string) (string, error) {
	if rawURL == Any {
		return Any, nil
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", &ScriptError{Call: fmt.Sprintf("%s(%q, %q)", call, method, credential.String(rawURL)),
			Reason: "the URL is neither Any nor an absolute URL"}
	}
	return matchKey(u), nil
}

// matchKey is what Scripted compares of a URL: scheme and host in lower
// case, escaped path ("/" when empty), raw query.
func matchKey(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + p + "?" + u.RawQuery
}
