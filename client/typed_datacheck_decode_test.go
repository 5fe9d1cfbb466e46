package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// A typed call's body that is no T is judged by its DataCheck as Request's
// judges a body that is not JSON (Data nil, DecodeErr set): a check that
// accepts it changes nothing (the call fails with ErrDecode, no backup is
// tried), one that refuses it fails the URL over. It used to be refused
// without asking the check: a DataCheck that accepts everything turned
// ErrDecode into datacheck.ErrRejected ("rejected by DataCheck") and
// failed over to the backups.
func TestTypedDataCheckJudgesABodyThatIsNoT(t *testing.T) {
	var hits atomic.Int64
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/html":
			io.WriteString(w, `<html>`)
		case "/null":
			io.WriteString(w, `null`)
		default:
			io.WriteString(w, `{"code":7}`)
		}
	})
	type V struct{ Code int }
	ctx := context.Background()
	for _, withInterceptor := range []bool{false, true} {
		var opts []client.ClientOption
		if withInterceptor {
			opts = append(opts, client.WithInterceptors(func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
				return proceed(ctx, opt)
			}))
		}
		c := client.New(append(opts, client.WithBaseURL(srv.URL))...)

		var saw []*client.Response
		accept := func(r *client.Response) bool { saw = append(saw, r); return true }
		hits.Store(0)
		res, err := client.Do[V](ctx, c, client.Option{URL: "/html", Backup: []string{"/ok"}, DataCheck: accept})
		if !errors.Is(err, client.ErrDecode) || errors.Is(err, datacheck.ErrRejected) {
			t.Errorf("interceptor %v: accepted body that is no V: err %v, want ErrDecode, not ErrRejected", withInterceptor, err)
		}
		if hits.Load() != 1 || res.Value != (V{}) {
			t.Errorf("interceptor %v: %d requests, Value %+v: want the first URL's answer alone, no failover", withInterceptor, hits.Load(), res.Value)
		}
		if len(saw) != 1 || saw[0].Data != nil || !errors.Is(saw[0].DecodeErr, client.ErrDecode) {
			t.Errorf("interceptor %v: DataCheck called %d times (want 1, with Data nil and DecodeErr wrapping ErrDecode)", withInterceptor, len(saw))
		}

		// A check that wants a T fails the URL over.
		hits.Store(0)
		res, err = client.Do[V](ctx, c, client.Option{URL: "/html", Backup: []string{"/ok"},
			DataCheck: func(r *client.Response) bool { return r.DecodeErr == nil }})
		if err != nil || res.Value.Code != 7 || hits.Load() != 2 {
			t.Errorf("interceptor %v: refusing check: Value %+v, err %v, %d requests; want the backup's 7", withInterceptor, res.Value, err, hits.Load())
		}

		// A T that a body decodes to nil (Do[any] of null) is still an answer.
		r2, err := client.Do[any](ctx, c, client.Option{URL: "/null", DataCheck: func(*client.Response) bool { return true }})
		if err != nil || r2.Value != nil {
			t.Errorf("interceptor %v: Do[any] of null: Value %v, err %v", withInterceptor, r2.Value, err)
		}
		// And a good body decodes once, as before.
		res, err = client.Do[V](ctx, c, client.Option{URL: "/ok", DataCheck: func(r *client.Response) bool { return r.Data.(V).Code == 7 }})
		if err != nil || res.Value.Code != 7 {
			t.Errorf("interceptor %v: good body: Value %+v, err %v", withInterceptor, res.Value, err)
		}
	}
}
