package rtcontract_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	"github.com/taroreq/taroreq/middleware/httpcache"
	mlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/store"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/middleware/tracing"
	"github.com/taroreq/taroreq/transports"
)

// everyRoundTripper is each exported http.RoundTripper of the module over
// base: the layers alone, a chain, a client's whole stack and the fakes.
func everyRoundTripper(t *testing.T, base http.RoundTripper) map[string]http.RoundTripper {
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	rec, err := transports.NewRecorder(base, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rep, err := transports.NewReplayer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]http.RoundTripper{
		"timeout":          timeout.New(base),
		"retry":            retry.New(base),
		"backup":           backup.New(base),
		"datacheck":        datacheck.New(base),
		"store":            store.New(base, store.NewMemory()),
		"breaker":          breaker.New(base),
		"tracing":          tracing.New(base),
		"tracing request":  tracing.RequestMiddleware()(base),
		"httpcache":        httpcache.New(base),
		"log":              mlog.New(base, discard),
		"chain":            middleware.Chain(base, retry.Middleware(), breaker.Middleware(), timeout.Middleware()),
		"client.Transport": client.New(client.WithTransport(base)).Transport(),
		"recorder":         rec,
		"replayer":         rep,
		"scripted":         transports.NewScripted(),
		"error":            transports.Error(errors.New("down")),
	}
}

// countingBase counts the requests that reached it.
func countingBase(n *atomic.Int32) http.RoundTripper {
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		n.Add(1)
		return &http.Response{StatusCode: 204, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
}

// A request no transport can send (nil, or without a URL or a Header) is
// an error that names what is missing and matches
// middleware.ErrInvalidRequest: never a panic, never sent on.
func TestEveryRoundTripperRefusesAnUnsendableRequest(t *testing.T) {
	cases := map[string]func() *http.Request{
		"nil request": func() *http.Request { return nil },
		"nil URL":     func() *http.Request { return &http.Request{Method: "GET", Header: http.Header{}} },
		"nil Header": func() *http.Request {
			return &http.Request{Method: "GET", URL: &url.URL{Scheme: "http", Host: "api.test", Path: "/x"}}
		},
	}
	want := map[string]string{"nil request": "nil *http.Request", "nil URL": "nil URL", "nil Header": "nil Header"}
	for cname, mk := range cases {
		var reached atomic.Int32
		for name, rt := range everyRoundTripper(t, countingBase(&reached)) {
			t.Run(cname+"/"+name, func(t *testing.T) {
				var resp *http.Response
				var err error
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("panicked: %v", p)
						}
					}()
					resp, err = rt.RoundTrip(mk())
				}()
				if resp != nil {
					resp.Body.Close()
					t.Fatalf("answered %d", resp.StatusCode)
				}
				if !errors.Is(err, middleware.ErrInvalidRequest) || !strings.Contains(err.Error(), want[cname]) {
					t.Fatalf("err = %v, want one matching middleware.ErrInvalidRequest naming %q", err, want[cname])
				}
			})
		}
		if n := reached.Load(); n != 0 {
			t.Errorf("%s: %d request(s) reached the transport", cname, n)
		}
	}
}

// An empty Method is GET, as net/http has it: every layer sends it as one.
func TestEveryRoundTripperSendsAnEmptyMethodAsGET(t *testing.T) {
	var methods atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods.Store(r.Method)
		w.WriteHeader(204)
	}))
	t.Cleanup(srv.Close)
	for name, rt := range everyRoundTripper(t, srv.Client().Transport) {
		switch name {
		case "replayer", "scripted", "error":
			continue
		}
		t.Run(name, func(t *testing.T) {
			methods.Store("")
			u, _ := url.Parse(srv.URL + "/x")
			var resp *http.Response
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("panicked: %v", p)
					}
				}()
				resp, err = rt.RoundTrip(&http.Request{URL: u, Header: http.Header{}})
			}()
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if m := methods.Load(); m != "GET" {
				t.Fatalf("server got %q, want GET", m)
			}
		})
	}
}
