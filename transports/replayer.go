package transports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// Replayer is an http.RoundTripper that answers from the exchanges a
// Recorder wrote, without the network. A request matches an exchange when
// its method, its URL in the recorded form (canonical, secret query values
// Redacted, so a request that carries the real token matches) and the
// SHA-256 of its whole body are those recorded. Headers are not compared.
// Exchanges that match the same request answer it in recorded order, the
// last one repeating. A request that matches none fails with ErrNotRecorded,
// naming its method and redacted URL.
//
// A request whose context is done fails with the context's error and takes
// no exchange. The request body is read (hashed, not kept) and closed. The
// response carries the recorded status, header and body (truncated if it was
// recorded truncated), Proto HTTP/1.1, ContentLength and Request.
//
// A Replayer is safe for concurrent use.
type Replayer struct {
	mu    sync.Mutex
	byKey map[string]*replay
}

type replay struct {
	xs   []Exchange
	next int
}

// NewReplayer loads the exchanges of dir (see LoadExchanges).
func NewReplayer(dir string) (*Replayer, error) {
	xs, err := LoadExchanges(dir)
	if err != nil {
		return nil, err
	}
	p := &Replayer{byKey: make(map[string]*replay)}
	for _, x := range xs {
		k := exchangeKey(x.Request.Method, x.Request.URL, x.Request.Body.SHA256)
		if p.byKey[k] == nil {
			p.byKey[k] = &replay{}
		}
		p.byKey[k].xs = append(p.byKey[k].xs, x)
	}
	return p, nil
}

// RoundTrip answers req with the next recorded exchange that matches it.
func (p *Replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL == nil {
		closeBody(req)
		return nil, fmt.Errorf("transports: request has no URL")
	}
	if err := req.Context().Err(); err != nil {
		closeBody(req)
		return nil, err
	}
	m, u := method(req.Method), redactURL(req.URL)
	sum, err := hashBody(req)
	if err != nil {
		return nil, fmt.Errorf("transports: %s: reading request body: %w", describe(m, u), err)
	}

	p.mu.Lock()
	var x *Exchange
	if r := p.byKey[exchangeKey(m, u, sum)]; r != nil {
		x = &r.xs[r.next]
		if r.next < len(r.xs)-1 {
			r.next++
		}
	}
	p.mu.Unlock()

	if x == nil {
		return nil, fmt.Errorf("transports: %s (body sha256 %.12s): %w", describe(m, u), sum, ErrNotRecorded)
	}
	return newResponse(req, x.Response.Status, x.Response.Header, x.Response.Body.Bytes()), nil
}

// hashBody returns the hex SHA-256 of req's whole body, and closes it.
func hashBody(req *http.Request) (string, error) {
	h := sha256.New()
	var err error
	if req.Body != nil && req.Body != http.NoBody {
		_, err = io.Copy(h, req.Body)
	}
	closeBody(req)
	return hex.EncodeToString(h.Sum(nil)), err
}
