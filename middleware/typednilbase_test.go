package middleware_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/transports"
)

// TestTypedNilBaseIsNil: a nil *http.Transport or RoundTripperFunc given as
// a base (the typed nil of a transport built only on some path:
// `var tr *http.Transport; if proxy { tr = ... }`) means the default, as a
// nil base does: every layer's New, Chain, a Recorder and a client's
// WithTransport. Each panicked in the request ("transport is nil", a nil
// func call).
func TestTypedNilBaseIsNil(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	var nilTransport *http.Transport
	var nilFunc middleware.RoundTripperFunc
	for bname, base := range map[string]http.RoundTripper{"*http.Transport": nilTransport, "RoundTripperFunc": nilFunc} {
		rec, err := transports.NewRecorder(base, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		for lname, rt := range map[string]http.RoundTripper{
			"Chain":     middleware.Chain(base),
			"retry":     retry.New(base),
			"breaker":   breaker.New(base),
			"timeout":   timeout.New(base),
			"httpcache": httpcache.New(base),
			"Recorder":  rec,
		} {
			resp, err := (&http.Client{Transport: rt}).Get(srv.URL)
			if err != nil {
				t.Errorf("%s over a nil %s: %v", lname, bname, err)
				continue
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(b) != "ok" {
				t.Errorf("%s over a nil %s: %q", lname, bname, b)
			}
		}
		c := client.New(client.WithTransport(base))
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, DataType: client.DataTypeText})
		if err != nil || resp.Data != "ok" {
			t.Errorf("client WithTransport(nil %s): %v, %v", bname, resp.Data, err)
		}
	}
}
