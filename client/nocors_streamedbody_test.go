package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A streamed (EnableChunked) no-cors call to another origin succeeds with
// an opaque answer: no status, no header, no data. Its Body is still one
// the caller can read and must close, as Response.Body says of every
// EnableChunked answer (an empty one, as for a HEAD): it was nil, and the
// README's "read resp.Body, then Close it" panicked.
func TestNoCORSStreamedAnswerHasAnEmptyBody(t *testing.T) {
	api := newRecorder(t, nil)
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("the other origin's bytes")) })
	c := client.New(client.WithBaseURL(api.URL))
	defer c.CloseIdleConnections()
	for _, u := range []string{other.URL + "/x", "/x"} {
		opt := client.Option{URL: u, Mode: client.ModeNoCORS, EnableChunked: true}
		if u == "/x" {
			opt.Backup = []string{other.URL + "/x"} // a call that lists another origin is opaque whoever answers
		}
		resp, err := c.Request(context.Background(), opt)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if resp.StatusCode != 0 || len(resp.Header) != 0 {
			t.Errorf("%s: not opaque: %d %v", u, resp.StatusCode, resp.Header)
		}
		if resp.Body == nil {
			t.Fatalf("%s: a streamed answer without a Body", u)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil || len(b) != 0 {
			t.Errorf("%s: read %q, %v; want nothing", u, b, err)
		}
		if err := resp.Body.Close(); err != nil {
			t.Errorf("%s: Close: %v", u, err)
		}
	}
}
