package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/httpcache"
	"github.com/taroreq/taroreq/transports"
)

// A typed GET with its own timeout and retry budget: the first attempt
// times out, the retry answers.
func ExampleDo() {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select { // too slow for the 100ms timeout
			case <-r.Context().Done():
			case <-time.After(time.Second):
			}
			return
		}
		fmt.Fprint(w, `{"id":7,"name":"Ann"}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	res, err := client.Do[User](context.Background(), c, client.Option{
		URL:        "/users/7",
		Timeout:    100 * time.Millisecond, // per attempt, body included
		RetryTimes: 1,
	})
	fmt.Println(res.Value.Name, err, "after", res.Attempts, "attempts")
	// Output: Ann <nil> after 2 attempts
}

// A POST with a bearer token whose server answers 422 with an error
// document: the typed call fails with a *StatusError, and DecodeError reads
// the document into a type.
func ExampleDecodeError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0k3n" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusUnprocessableEntity)
		fmt.Fprint(w, `{"code":"invalid_name","message":"name is empty"}`)
	}))
	defer srv.Close()
	type APIError struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	c := client.New(client.WithBaseURL(srv.URL))
	_, err := client.Do[User](context.Background(), c, client.Option{
		URL:    "/users",
		Method: "POST",
		Header: http.Header{"Authorization": {"Bearer t0k3n"}},
		Data:   map[string]any{"name": ""},
	})
	var se *client.StatusError
	if errors.As(err, &se) {
		fmt.Println("status", se.StatusCode)
	}
	if apiErr, ok := client.DecodeError[APIError](err); ok {
		fmt.Println(apiErr.Code+":", apiErr.Message)
	}
	// Output:
	// status 422
	// invalid_name: name is empty
}

// The HTTP cache: the second request is answered without the network,
// the third (Cache: no-cache) is revalidated with the ETag.
func ExampleWithHTTPCache() {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Cache-Control", "max-age=60")
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, `{"theme":"dark"}`)
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL), client.WithHTTPCache(httpcache.WithMaxBodyBytes(1<<20)))
	for _, mode := range []client.Cache{client.CacheDefault, client.CacheDefault, client.CacheNoCache} {
		resp, err := c.Request(context.Background(), client.Option{URL: "/settings", Cache: mode})
		fmt.Println(resp.Data, err, "from cache:", resp.FromCache, "server hits:", hits.Load())
	}
	// Output:
	// map[theme:dark] <nil> from cache: false server hits: 1
	// map[theme:dark] <nil> from cache: true server hits: 1
	// map[theme:dark] <nil> from cache: true server hits: 2
}

// An interceptor that refreshes the token once when the server answers 401
// and sends the request again.
func ExampleWithInterceptors_refreshOn401() {
	var current atomic.Value
	current.Store("expired")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer fresh" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"ok":true}`)
	}))
	defer srv.Close()
	refresh := func() { current.Store("fresh") } // your token endpoint
	withToken := func(opt client.Option) client.Option {
		h := opt.Header.Clone() // never write to the caller's header
		if h == nil {
			h = http.Header{}
		}
		h.Set("Authorization", "Bearer "+current.Load().(string))
		opt.Header = h
		return opt
	}
	auth := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		resp, err := proceed(ctx, withToken(opt))
		if err == nil && resp.StatusCode == http.StatusUnauthorized {
			refresh()
			return proceed(ctx, withToken(opt))
		}
		return resp, err
	}
	c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(auth))
	resp, err := c.Request(context.Background(), client.Option{URL: "/me"})
	fmt.Println(resp.StatusCode, resp.Data, err)
	// Output: 200 map[ok:true] <nil>
}

// Testing code that uses a client: a scripted transport answers without a
// network, and records what it was sent.
func ExampleWithTransport_scripted() {
	fake := transports.NewScripted()
	fake.On("GET", "https://api.test/users/7").Respond(503, "").Respond(200, `{"id":7,"name":"Ann"}`)
	c := client.New(client.WithTransport(fake), client.WithBaseURL("https://api.test"))
	res, err := client.Do[User](context.Background(), c, client.Option{URL: "/users/7"})
	fmt.Println(res.Value.Name, err, "requests:", fake.Count("GET", "https://api.test/users/7"))
	// Output: Ann <nil> requests: 2
}

// The client's layers inside another http.Client: Transport returns the
// whole stack, over which any RoundTripper wrapper fits (otelhttp's
// NewTransport, oauth2's Transport...), and under which any base transport
// does.
func ExampleClient_Transport() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s", r.Header.Get("X-Wrapped"))
	}))
	defer srv.Close()
	stack := client.New(client.WithTransport(srv.Client().Transport)).Transport()
	wrapped := roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.Header.Set("X-Wrapped", "yes") // what an auth or tracing wrapper does
		return stack.RoundTrip(r)
	})
	hc := &http.Client{Transport: wrapped}
	resp, err := hc.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(b))
	// Output: 200 hello yes
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
