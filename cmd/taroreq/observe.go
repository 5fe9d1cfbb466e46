package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"time"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/internal/httpstatus"
	"github.com/taroreq/taroreq/middleware"
)

// attempt is one request that reached the bottom of the stack.
type attempt struct {
	n          int
	method     string
	url        string
	header     http.Header // sent: as the transport wrote it once it has, else as handed to it
	bodyLen    int64
	body       []byte // the first bytes of the request body, when the observer keeps them
	status     int
	proto      string // the response's protocol, "HTTP/2.0"…; "" without one
	respHeader http.Header
	// urlSecrets are the secrets of the URL it went to (a password, an
	// ?access_token=), which -v redacts where a response header echoes
	// them: url is redacted.
	urlSecrets []string
	dur        time.Duration // until the response headers
	err        error
}

// observer is a layer added with client.WithInnerLayers, below the default
// layers: it sees every attempt (retries and backups), keeps the
// middleware.Call of the request for its events, prints --trace lines and
// wraps bodies in a progress bar for -o.
type observer struct {
	trace    io.Writer                   // nil: no trace lines
	progress func(total int64) *progress // nil: no progress bar
	keepBody bool                        // keep the request body's first bytes (-v, --print B)
	allBody  bool                        // keep the first attempt's whole body (--print B shows it as sent)

	mu       sync.Mutex
	call     *middleware.Call
	attempts []attempt
}

func (o *observer) layer(next http.RoundTripper) http.RoundTripper {
	return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		o.mu.Lock()
		if o.call == nil {
			o.call = middleware.CallFrom(req.Context())
		}
		n := len(o.attempts) + 1
		o.attempts = append(o.attempts, attempt{n: n, method: req.Method, url: credential.URL(req.URL),
			header: req.Header.Clone(), bodyLen: req.ContentLength, body: o.bodyOf(req, n == 1),
			urlSecrets: credential.EchoedSecrets(nil, req.URL, nil)})
		o.mu.Unlock()

		// The header fields as the transport writes them, its own (Host,
		// User-Agent, Accept-Encoding) included: what --print H and -v
		// show as sent. A shallow copy of req carries the trace.
		var wireMu sync.Mutex
		var wire http.Header
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			GotConn: func(httptrace.GotConnInfo) {
				wireMu.Lock()
				wire = nil // net/http's own resend on another connection writes them again
				wireMu.Unlock()
			},
			WroteHeaderField: func(key string, values []string) {
				if strings.HasPrefix(key, ":") {
					return // an HTTP/2 pseudo-header: the request line's
				}
				wireMu.Lock()
				if wire == nil {
					wire = http.Header{}
				}
				k := http.CanonicalHeaderKey(key)
				wire[k] = append(wire[k], values...)
				wireMu.Unlock()
			},
		}))

		start := time.Now()
		resp, err := next.RoundTrip(req)
		dur := time.Since(start)

		wireMu.Lock()
		sent := wire.Clone()
		wireMu.Unlock()
		o.mu.Lock()
		a := &o.attempts[n-1]
		a.dur, a.err = dur, err
		if sent != nil {
			if _, ok := sent["Proxy-Authorization"]; ok && req.Header.Get("Proxy-Authorization") == "" {
				// The transport's, from the proxy URL's userinfo (the
				// environment): a secret the command line did not show.
				sent["Proxy-Authorization"] = []string{"REDACTED"}
			}
			a.header = sent
		}
		if resp != nil {
			a.status, a.proto, a.respHeader = resp.StatusCode, resp.Proto, resp.Header.Clone()
		}
		done := *a
		o.mu.Unlock()
		if o.trace != nil {
			fmt.Fprintln(o.trace, traceLine(done))
		}
		if err == nil && o.progress != nil && resp.Body != nil {
			resp.Body = &progressBody{rc: resp.Body, p: o.progress(resp.ContentLength)}
		}
		return resp, err
	})
}

// shownBody bounds the request body that -v and --print B show.
const shownBody = 64 << 10

// bodyOf returns the first bytes of req's body, read from a copy (GetBody),
// when the observer keeps bodies: all of them for the first attempt with
// allBody.
func (o *observer) bodyOf(req *http.Request, first bool) []byte {
	if !o.keepBody || req.GetBody == nil {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var r io.Reader = rc
	if !o.allBody || !first {
		r = io.LimitReader(rc, shownBody)
	}
	b, _ := io.ReadAll(r)
	return b
}

// traceLine is one --trace line: attempt, method, URL, outcome, duration.
func traceLine(a attempt) string {
	out := httpstatus.Line(a.status)
	if a.err != nil {
		out = "error: " + a.errText() // a log: a quoted header line's credential redacted
	}
	return fmt.Sprintf("trace: #%d %s %s -> %s (%v)", a.n, a.method, a.url, out, roundDur(a.dur))
}

// roundDur keeps a duration readable: 0.1ms steps under a second.
func roundDur(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

// snapshot returns the attempts and the events recorded so far.
func (o *observer) snapshot() ([]attempt, []middleware.Event) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]attempt(nil), o.attempts...), o.call.Events()
}

// reset forgets the attempts, for a new request through the same client.
func (o *observer) reset() {
	o.mu.Lock()
	o.call, o.attempts = nil, nil
	o.mu.Unlock()
}

// echoes are the credentials a's request sent (credential.RequestEchoes:
// an Authorization Basic's password decoded too) and its URL's secrets,
// which -v takes out wherever the server's words echo them.
func (a attempt) echoes() []string {
	return append(credential.RequestEchoes(a.header, nil, nil), a.urlSecrets...)
}

// errText is a's error as a log shows it: redacted, and without the
// credentials the request sent wherever the server's words it quotes (a
// header line net/http refuses) echo them.
func (a attempt) errText() string {
	return credential.RedactEchoedText(credential.Error(a.err), a.echoes())
}
