package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
)

// A POST answered with a redirect whose hop then failed (a connection
// closed on the GET a 303 makes of it) is not sent to the backups: the
// POST was applied. The error said why with the hop's method, "a GET that
// may have reached the server is not sent again", when a GET is the one
// request every rule sends again: it names the POST, the request the
// backups would have stood in for. Found against go-httpbin's
// /redirect-to with a toxiproxy reset_peer behind the Location.
func TestNotFailedOverAfterHopNamesTheAppliedMethod(t *testing.T) {
	hop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler) // the connection closed, no answer
	}))
	defer hop.Close()
	var backups atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/backup" {
			backups.Add(1)
			w.Write([]byte(`{}`))
			return
		}
		http.Redirect(w, r, hop.URL+"/done", http.StatusSeeOther)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	for _, method := range []string{"POST", "PATCH"} {
		backups.Store(0)
		resp, err := c.Request(context.Background(), client.Option{URL: "/apply", Method: method, Data: map[string]any{"n": 1},
			Backup: []string{"/backup"}, Mode: client.ModeCORS, RetryTimes: client.NoRetry})
		var nf *backup.NotFailedOverError
		if !errors.As(err, &nf) {
			t.Fatalf("%s: err %v, want a *backup.NotFailedOverError", method, err)
		}
		if nf.Method != method {
			t.Errorf("%s: NotFailedOverError.Method %q, want %q (the request the backups stand in for)", method, nf.Method, method)
		}
		if want := "a " + method + " that may have reached"; !strings.Contains(resp.ErrMsg, want) {
			t.Errorf("%s: ErrMsg %q, want it to say %q", method, resp.ErrMsg, want)
		}
		if n := backups.Load(); n != 0 {
			t.Errorf("%s: backup tried %d times, want none", method, n)
		}
	}
}
