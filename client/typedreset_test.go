package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

type userAccount struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Admin bool   `json:"admin"`
}

// Do's Value is the answer it returns, decoded alone: nothing of an answer
// that DataCheck refused (another URL's) or StoreCheck refused (stored
// data) is merged into it.
func TestDoValueHoldsOnlyItsAnswer(t *testing.T) {
	var fresh atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/primary":
			_, _ = w.Write([]byte(`{"id":1,"name":"mallory","admin":true}`))
		case r.URL.Path == "/stored" && !fresh.Load():
			_, _ = w.Write([]byte(`{"id":1,"name":"old","admin":true}`))
		default:
			_, _ = w.Write([]byte(`{"id":2}`))
		}
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))
	ctx := context.Background()

	res, err := client.Do[userAccount](ctx, c, client.Option{URL: "/primary", Backup: []string{"/backup"},
		DataCheck: func(r *client.Response) bool { return r.Data.(userAccount).ID != 1 }})
	if err != nil || res.Value != (userAccount{ID: 2}) || res.Data != (userAccount{ID: 2}) {
		t.Fatalf("after a DataCheck refusal: Value %+v Data %+v (Raw %s), %v", res.Value, res.Data, res.Raw, err)
	}

	opt := client.Option{URL: "/stored", UseStore: true, StoreCheck: func(*client.Response) bool { return false }}
	if _, err := client.Do[userAccount](ctx, c, opt); err != nil {
		t.Fatal(err)
	}
	fresh.Store(true)
	res, err = client.Do[userAccount](ctx, c, opt)
	if err != nil || res.Value != (userAccount{ID: 2}) || res.Data != (userAccount{ID: 2}) {
		t.Fatalf("after a StoreCheck refusal: Value %+v Data %+v (Raw %s), %v", res.Value, res.Data, res.Raw, err)
	}
}

type verdict struct {
	Owner string `json:"owner"`
	OK    bool   `json:"ok"`
}

// A failed call's Value is what its Data holds: not an answer another URL
// gave that DataCheck refused.
func TestDoFailedValueIsData(t *testing.T) {
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"owner":"alice-refused","ok":false}`))
	}))
	defer a.Close()
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(503)
		_, _ = w.Write([]byte(`{"error":"down"}`))
	}))
	defer b.Close()
	res, err := client.Do[verdict](context.Background(), client.New(), client.Option{URL: a.URL, Backup: []string{b.URL},
		Mode: client.ModeCORS, RetryTimes: client.NoRetry,
		DataCheck: func(r *client.Response) bool { v, _ := r.Data.(verdict); return v.OK }})
	if err == nil {
		t.Fatal("the call succeeded")
	}
	if data, _ := res.Data.(verdict); res.Value != data {
		t.Errorf("Value %+v, Data %#v", res.Value, res.Data)
	}
}

// A no-cors call that fails is as opaque as one that succeeds: no status,
// header or data of what the server answered.
func TestNoCORSFailureIsOpaque(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Secret", "h")
		w.WriteHeader(503)
		_, _ = w.Write([]byte(`{"secret":"body"}`))
	})
	a := httptest.NewServer(h)
	defer a.Close()
	b := httptest.NewServer(h)
	defer b.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	resp, err := c.Request(context.Background(), client.Option{URL: a.URL, Backup: []string{b.URL},
		Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
	if err == nil || resp.StatusCode != 0 || len(resp.Header) != 0 || len(resp.Raw) != 0 || resp.Data != nil {
		t.Errorf("%v: status %d header %v raw %q data %v", err, resp.StatusCode, resp.Header, resp.Raw, resp.Data)
	}
}

type hedged struct {
	N int `json:"n"`
}

// A proceed that fails (a hedge cancelled once the other answered) does
// not reset the Value of the answer the call returns.
func TestDoValueSurvivesCancelledHedge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-r.Context().Done()
			return
		}
		_, _ = w.Write([]byte(`{"n":1}`))
	}))
	defer srv.Close()
	hedge := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		slowCtx, cancel := context.WithCancel(ctx)
		slowDone := make(chan struct{})
		go func() {
			defer close(slowDone)
			o := opt
			o.URL = srv.URL + "/slow"
			_, _ = proceed(slowCtx, o)
		}()
		resp, err := proceed(ctx, opt)
		cancel()
		<-slowDone
		return resp, err
	}
	res, err := client.Do[hedged](context.Background(), client.New(client.WithInterceptors(hedge)),
		client.Option{URL: srv.URL + "/fast", RetryTimes: client.NoRetry})
	if err != nil || res.Value.N != 1 {
		t.Errorf("%v: Value %+v, Data %#v", err, res.Value, res.Data)
	}
}

type secretDoc struct {
	Secret string `json:"secret"`
}

// A no-cors typed call shows nothing through Value either.
func TestNoCORSTypedValueOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"secret":"s3cr3t"}`))
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	for _, check := range []bool{false, true} {
		res, _ := client.Do[secretDoc](context.Background(), c, client.Option{URL: other.URL + "/x",
			Mode: client.ModeNoCORS, RetryTimes: client.NoRetry, DataCheck: func(*client.Response) bool { return check }})
		if res.Value.Secret != "" {
			t.Errorf("DataCheck %v: Value %+v", check, res.Value)
		}
	}
}

type tagged struct {
	N    int            `json:"n"`
	Tags map[string]int `json:"tags"`
}

// Proceeds answered at once, or after Do returned, never write the
// caller's Value: it is set once, from the Data the call returns.
func TestDoConcurrentProceedsLeaveValueAlone(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-release
			_, _ = w.Write([]byte(`{"n":2}`))
			return
		}
		_, _ = w.Write([]byte(`{"n":1,"tags":{"a":1,"b":2,"c":3,"d":4}}`))
	}))
	defer srv.Close()
	both := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		ch := make(chan *client.Response, 2)
		for i := 0; i < 2; i++ {
			go func() { r, _ := proceed(ctx, opt); ch <- r }()
		}
		a := <-ch
		<-ch
		return a, nil
	}
	c := client.New(client.WithInterceptors(both))
	for i := 0; i < 200; i++ {
		res, err := client.Do[tagged](context.Background(), c, client.Option{URL: srv.URL, RetryTimes: client.NoRetry})
		if err != nil || res.Value.N != 1 || len(res.Value.Tags) != 4 {
			t.Fatalf("%v: %+v", err, res.Value)
		}
	}
	loserDone := make(chan struct{})
	late := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		go func() {
			defer close(loserDone)
			o := opt
			o.URL = srv.URL + "/slow"
			_, _ = proceed(context.WithoutCancel(ctx), o)
		}()
		return proceed(ctx, opt)
	}
	res, err := client.Do[tagged](context.Background(), client.New(client.WithInterceptors(late)),
		client.Option{URL: srv.URL + "/fast", RetryTimes: client.NoRetry})
	close(release)
	<-loserDone
	if err != nil || res.Value.N != 1 {
		t.Errorf("after the late proceed: %v, Value %+v", err, res.Value)
	}
}

// A call an interceptor makes with its ctx during a typed call (a token
// fetch) is decoded as its own, not into the outer call's type.
func TestNestedRequestInTypedInterceptor(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			_, _ = w.Write([]byte(`{"token":"abc"}`))
			return
		}
		n := "0"
		if r.Header.Get("Authorization") == "Bearer abc" {
			n = "1"
		}
		_, _ = w.Write([]byte(`{"n":` + n + `}`))
	}))
	defer srv.Close()
	var c *client.Client
	auth := func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
		if strings.HasSuffix(opt.URL, "/token") {
			return proceed(ctx, opt)
		}
		resp, _ := c.Request(ctx, client.Option{URL: srv.URL + "/token"})
		m, _ := resp.Data.(map[string]any)
		tok, _ := m["token"].(string)
		opt.Header = http.Header{"Authorization": {"Bearer " + tok}}
		return proceed(ctx, opt)
	}
	c = client.New(client.WithInterceptors(auth))
	res, err := client.Do[hedged](context.Background(), c, client.Option{URL: srv.URL + "/x"})
	if err != nil || res.Value.N != 1 {
		t.Errorf("%v: Value %+v", err, res.Value)
	}
}
