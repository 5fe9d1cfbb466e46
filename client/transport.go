package client

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
)

// Transport returns the client's stack of layers over its transport, for use
// in a plain http.Client (with the client's CheckRedirect). Requests that
// come without the client's own settings (a plain http.Client's) carry the
// client's WithCredentialHeaders names to the layers, so that its logs,
// recordings and backups treat them as the client's own calls do, and the
// store and HTTP cache layers (yours in WithLayers too) partition by them
// and by the credential headers the bottom layer sends each request with
// (middleware.WithClientCredentials). The http.Client's
// CloseIdleConnections reaches the client's transport. The http.Client's
// *url.Error around the stack's error names the URL as net/http writes it,
// query secrets (access_token) in clear: log its Err.
func (c *Client) Transport() http.RoundTripper {
	if bad := c.unusable(context.Background()); bad != nil {
		// Not nil, which an http.Client reads as http.DefaultTransport:
		// the layers the caller asked for would be skipped without a word.
		return middleware.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			middleware.CloseRequestBody(req)
			return nil, bad
		})
	}
	return stackTransport{c}
}

// stackTransport is Transport's RoundTripper. Its CloseIdleConnections is
// the client's, so that an http.Client over it closes the idle connections
// of the client's transport, as it does of a bare one.
type stackTransport struct{ c *Client }

func (t stackTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := middleware.CheckRequest(req); err != nil {
		return nil, err
	}
	if req.URL != nil && req.URL.Host != "" && req.URL.Hostname() == "" {
		// http://:80/x, which net/http dials on the local machine: refused
		// as the client's own calls refuse it (checkAbsolute), whatever
		// the http.Client's CheckRedirect let through.
		middleware.CloseRequestBody(req)
		return nil, fmt.Errorf("%w: %q: no host", ErrInvalidURL, credential.URL(req.URL))
	}
	ctx, plain := req.Context(), middleware.CallFrom(req.Context()) == nil
	if plain {
		names := t.c.credHeaders
		if outer := middleware.CredentialHeaderNames(ctx); len(outer) > 0 && !slices.Equal(outer, names) {
			// Through another client's Transport (this client's
			// transport): its names are credentials here too.
			names = slices.Concat(names, outer)
		}
		ctx = middleware.WithClientCredentials(ctx, names, t.c.plainSentHeader)
	}
	if !plain {
		// Another client's call, counted as sent by its bottom layer:
		// this client's counts the same request again.
		middleware.CallFrom(ctx).PassOn()
		ctx = middleware.WithPassedOn(ctx) // its Backup is that client's to try
		if len(t.c.credHeaders) > 0 {
			// This client's names are credentials in its layers too
			// (Client.partition, middleware.CredentialHeaderNames).
			ctx = credential.WithClientNames(ctx, t.c.credHeaders)
		}
	}
	if t.c.partitioner.None() != "" {
		// A key given (or drawn for a client certificate): layers without
		// one of their own (DefaultLayers in WithLayers) partition by it
		// too, and so does another client's call through this one (its
		// transport), which that client's layers here would file by its
		// own key (none: shared by every client without one) where this
		// client's user is told apart by the key alone (Client.partition).
		ctx = credential.WithClientPartitioner(ctx, t.c.partitioner)
	}
	if plain {
		// The bottom layer marks it when the transport sent other
		// credentials (noteTransportCredentials), which the answer's
		// Request no longer tells: a store or an HTTP cache in the layers,
		// whichever is above, reads it (an HTTP cache without a store
		// above it had none to read, and kept alice's /me for bob).
		ctx, _ = middleware.PlainAnswerIn(ctx)
	}
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	resp, err := t.c.stack.RoundTrip(req)
	if !plain {
		middleware.CallFrom(ctx).PassedBack()
	}
	if _, bare := err.(tls.RecordHeaderError); err != nil && !bare {
		// The http.Client's *url.Error holds it as it is: its text
		// redacted as the client's own errors are (a quoted header line
		// of a credential name, a URL's secrets). A bare
		// tls.RecordHeaderError (no secret in its text) goes as it is:
		// the http.Client asserts its type to report an HTTP answer to
		// an https URL as http.ErrSchemeMismatch.
		err = &transportError{err, t.c.credHeaders}
	}
	return resp, err
}

func (t stackTransport) CloseIdleConnections() { t.c.CloseIdleConnections() }

// transportError is the error of the stack through Transport: its text
// redacted, the cause seen through Unwrap, and Timeout answered for
// url.Error.Timeout, which asks its Err alone.
type transportError struct {
	err     error
	headers []string
}

func (e *transportError) Error() string {
	return credential.Keys(nil).ErrorNaming(e.err, e.headers)
}
func (e *transportError) Unwrap() error { return e.err }
func (e *transportError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}
