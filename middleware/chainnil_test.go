package middleware_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// returnsNil is a faulty layer: it gives back nil instead of a RoundTripper.
func returnsNil(http.RoundTripper) http.RoundTripper { return nil }

// TestChainSkipsALayerThatReturnsNil: a layer that returns nil is skipped as
// a nil layer is. The layer above it used to get nil, which it reads as
// http.DefaultTransport: the base (a client's own transport, a test fake, the
// client's bottom layer) was dropped without a word, and a client built
// with WithLayers of such a layer panicked.
func TestChainSkipsALayerThatReturnsNil(t *testing.T) {
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "network")
	}))
	defer real.Close()
	fake := middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		middleware.CloseRequestBody(r)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("base")), Request: r}, nil
	})
	pass := func(next http.RoundTripper) http.RoundTripper { return middleware.Chain(next) }

	rt := middleware.Chain(fake, pass, returnsNil)
	resp, err := (&http.Client{Transport: rt}).Get(real.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "base" {
		t.Errorf("Chain: answered by %q, want the base", b)
	}

	for name, o := range map[string]client.ClientOption{
		"WithInnerLayers": client.WithInnerLayers(returnsNil),
		"WithOuterLayers": client.WithOuterLayers(returnsNil),
		"WithLayers":      client.WithLayers(returnsNil),
	} {
		c := client.New(client.WithTransport(fake), o)
		r, err := c.Request(context.Background(), client.Option{URL: real.URL, DataType: client.DataTypeText})
		if err != nil || r.Data != "base" {
			t.Errorf("%s: %v, %v: want the client's transport to answer", name, r.Data, err)
		}
	}
}
