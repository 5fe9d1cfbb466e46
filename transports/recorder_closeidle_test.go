package transports_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/transports"
)

// A Recorder forwards CloseIdleConnections to the transport it records
// through, as every layer does: http.Client.CloseIdleConnections over it,
// and a client's built on it, close the idle keep-alive connection a
// request left. It had no such method, so both did nothing and the
// connection stayed open until the transport's idle timeout.
func TestRecorderForwardsCloseIdleConnections(t *testing.T) {
	var mu sync.Mutex
	open := map[net.Conn]bool{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	srv.Config.ConnState = func(c net.Conn, s http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		if s == http.StateNew {
			open[c] = true
		} else if s == http.StateClosed || s == http.StateHijacked {
			delete(open, c)
		}
	}
	srv.Start()
	defer srv.Close()
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(open) }

	for name, closer := range map[string]func(rt http.RoundTripper) (get func() error, closeIdle func()){
		"http.Client": func(rt http.RoundTripper) (func() error, func()) {
			hc := &http.Client{Transport: rt}
			return func() error {
				resp, err := hc.Get(srv.URL)
				if err == nil {
					resp.Body.Close()
				}
				return err
			}, hc.CloseIdleConnections
		},
		"client": func(rt http.RoundTripper) (func() error, func()) {
			c := client.New(client.WithTransport(rt))
			return func() error {
				_, err := c.Request(t.Context(), client.Option{URL: srv.URL})
				return err
			}, c.CloseIdleConnections
		},
	} {
		t.Run(name, func(t *testing.T) {
			rec, err := transports.NewRecorder(&http.Transport{}, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			get, closeIdle := closer(rec)
			if err := get(); err != nil {
				t.Fatal(err)
			}
			closeIdle()
			deadline := time.Now().Add(time.Second)
			for count() != 0 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if n := count(); n != 0 {
				t.Errorf("%d idle connection(s) still open after CloseIdleConnections", n)
			}
		})
	}
}
