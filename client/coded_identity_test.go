package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A server that codes whatever Accept-Encoding says (go-httpbin's /deflate)
// answers a request for identity with deflate bytes. The client decodes
// deflate (and net/http gzip) for a request without an Accept-Encoding of
// its own, so the decode error must name the request's identity, not say
// that the client does not decode deflate and send the reader to ask for
// it with Accept-Encoding, which the request did.
func TestACodedAnswerToIdentitySaysTheRequestKeptItCoded(t *testing.T) {
	srv := deflateServer(t, `{"deflated":true}`, false)
	c := client.New()
	opt := client.Option{URL: srv.URL, Header: http.Header{"Accept-Encoding": {"identity"}}}
	check := func(what string, err error) {
		t.Helper()
		if err == nil || !errors.Is(err, client.ErrDecode) || !strings.Contains(err.Error(), `coded "deflate"`) ||
			!strings.Contains(err.Error(), `Accept-Encoding "identity"`) || strings.Contains(err.Error(), "does not decode") {
			t.Errorf("%s: %v; want an ErrDecode naming deflate and the request's Accept-Encoding identity", what, err)
		}
	}
	res, err := c.Request(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	check("Request", res.DecodeErr)
	_, err = client.Do[map[string]bool](context.Background(), c, opt)
	check("Do", err)

	// A br answer is not decoded without identity either: the error says
	// the client does not decode it.
	br := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "br")
		_, _ = w.Write([]byte("\xef\x8b\x05\x80{\"a\":1}\x03"))
	})
	res, err = c.Request(context.Background(), client.Option{URL: br.URL, Header: opt.Header})
	if err != nil || res.DecodeErr == nil || !strings.Contains(res.DecodeErr.Error(), "which the client does not decode") {
		t.Errorf("br to identity: %v, DecodeErr %v; want it said the client does not decode br", err, res.DecodeErr)
	}
}
