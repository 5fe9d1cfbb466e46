package client_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
)

// TestNilOptions: a nil ClientOption, a nil value given to one, and a nil
// option of a layer given through one mean the default: no panic, and the
// request is sent, retried and answered as without them.
func TestNilOptions(t *testing.T) {
	cases := map[string]client.ClientOption{
		"nil ClientOption":            nil,
		"WithTransport(nil)":          client.WithTransport(nil),
		"WithClock(nil)":              client.WithClock(nil),
		"WithEncoder(json, nil)":      client.WithEncoder("application/json", nil),
		"WithInterceptors(nil)":       client.WithInterceptors(nil),
		"WithStore(nil)":              client.WithStore(nil, nil, store.WithErrorHandler(nil)),
		"WithCookieJar(nil)":          client.WithCookieJar(nil),
		"WithInnerLayers(nil)":        client.WithInnerLayers(nil),
		"WithOuterLayers(nil)":        client.WithOuterLayers(nil),
		"WithRetry(nil)":              client.WithRetry(nil, retry.WithPolicy(nil), retry.WithRand(nil), retry.WithClock(nil), retry.WithSleep(nil)),
		"WithRetry(WithBackoff(nil))": client.WithRetry(retry.WithBackoff(nil, time.Millisecond, 2*time.Millisecond)),
		"WithBackup(nil)":             client.WithBackup(nil, backup.WithFailure(nil), backup.WithFallback(nil)),
		"WithBreaker(nil)":            client.WithBreaker(nil, breaker.WithKey(nil), breaker.WithFailure(nil), breaker.WithStateChange(nil)),
		"WithHTTPCache(nil)":          client.WithHTTPCache(nil, httpcache.WithClock(nil), httpcache.WithStorage(nil), httpcache.WithErrorHandler(nil)),
		// The report of issue 11: this panicked in the HTTP cache's
		// singleflight goroutine and killed the process.
	}
	all := map[string][]client.ClientOption{
		// The report of issue 11: this panicked in the HTTP cache's
		// singleflight goroutine and killed the process.
		"WithHTTPCache, WithRetry(WithBackoff(nil))": {client.WithHTTPCache(),
			client.WithRetry(retry.WithBackoff(nil, time.Millisecond, 2*time.Millisecond))},
	}
	for name, o := range cases {
		all[name] = []client.ClientOption{o}
	}
	for name, opts := range all {
		srv := faultserver.New(t, faultserver.FailThen(1, 503, faultserver.OK(`{"ok":true}`)))
		c := client.New(opts...)
		c.AddInterceptor(nil)
		task := c.Go(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]any{"a": 1},
			Idempotent: true})
		task.OnHeadersReceived(nil)
		resp, err := task.Wait()
		if err != nil || resp.StatusCode != 200 || srv.Count() != 2 {
			t.Errorf("%s: resp %+v err %v, %d attempts", name, resp, err, srv.Count())
			continue
		}
		if got := srv.Requests()[1]; string(got.Body) != `{"a":1}` || got.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: sent %q with %q", name, got.Body, got.Header.Get("Content-Type"))
		}
	}
}

// TestNilEncoderFuncIsNil: a nil encoders.EncoderFunc is a nil encoder, as
// WithEncoder and Registry.Register document for nil: WithEncoder changes
// nothing (the built-in JSON encoder stays), Register removes the
// registration. It was registered, and every request with a body of that
// type panicked calling it.
func TestNilEncoderFuncIsNil(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var nilFunc encoders.EncoderFunc
	c := client.New(client.WithEncoder("application/json", nilFunc), client.WithEncoder("application/xml", nilFunc))
	_, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]any{"a": 1}})
	if err != nil || got != `{"a":1}` {
		t.Errorf("JSON body with WithEncoder(json, nil func): sent %q, err %v", got, err)
	}
	resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: map[string]any{"a": 1},
		Header: http.Header{"Content-Type": {"application/xml"}}})
	if err == nil || resp == nil {
		t.Errorf("XML body without an XML encoder: %v, %v", resp, err)
	}

	r := encoders.NewRegistry()
	r.Register("application/json", nilFunc)
	if e, ok := r.Lookup("application/json"); ok {
		t.Errorf("Register(json, nil func) left %v registered", e)
	}
	if _, err := r.EncodeBody(map[string]any{"a": 1}, "application/json", 0); err == nil {
		t.Error("EncodeBody without an encoder: no error")
	}
}
