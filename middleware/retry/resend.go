package retry

import (
	"io"
	"net/http"
)

// net/http's Transport resends a request by itself, once a kept-alive
// connection it reused fails after the request was written (the server
// closed or reset it without answering): for a GET, HEAD, OPTIONS or TRACE
// without a body or with GetBody, and for any request carrying an
// Idempotency-Key or X-Idempotency-Key (Request.isReplayable). That send is
// no attempt of this layer's: with retries left it stands for one, but on
// the last attempt (RetryTimes NoRetry, or the budget spent) the server
// would get one request more than asked. So the last attempt goes out as a
// request net/http does not resend: without GetBody, and a bodiless one
// with an empty body that is not http.NoBody (the transport finds it empty
// before writing: nothing more goes on the wire).

// notReplayable returns r, or a copy of it that net/http will not resend.
func notReplayable(r *http.Request) *http.Request {
	if !replayable(r) {
		return r
	}
	c := new(http.Request)
	*c = *r
	c.GetBody = nil
	if c.Body == nil || c.Body == http.NoBody {
		c.Body, c.ContentLength = emptyBody{}, 0
	}
	return c
}

// replayable is net/http's Request.isReplayable.
func replayable(r *http.Request) bool {
	if r.Body != nil && r.Body != http.NoBody && r.GetBody == nil {
		return false
	}
	switch r.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return true
	}
	_, key := r.Header["Idempotency-Key"]
	_, xkey := r.Header["X-Idempotency-Key"]
	return key || xkey
}

// emptyBody is a body with nothing in it that net/http cannot tell from a
// stream before reading it.
type emptyBody struct{}

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (emptyBody) Close() error             { return nil }
