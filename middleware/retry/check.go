package retry

import (
	"net/http"

	"github.com/taroreq/taroreq/middleware"
)

// checkAttempt applies the request's Settings.AttemptCheck to an attempt's
// response. The body is read whole first (readBody), inside the attempt, so
// that the attempt's timeout bounds the read: a read that fails is a failed
// attempt, a body over the bound an error matching middleware.ErrTooLarge. A
// rejection makes the attempt a failed one: resp is nil and the check's
// error stands, to be retried like any other error and then failed over by
// the backup layer. An accepted response goes on with the checked bytes as
// its body.
func checkAttempt(call *middleware.Call, resp *http.Response, r *http.Request, limit int64) (*http.Response, error) {
	resp, err := readBody(call, resp, r, limit)
	if err != nil {
		return nil, err
	}
	bb := resp.Body.(*middleware.BufferedBody)
	out, cerr := call.Settings.AttemptCheck(resp, bb.Bytes())
	if cerr != nil {
		call.SetLastFrom(r, resp)
		return nil, cerr // the body is buffered: nothing left to release
	}
	bb.Reset(out) // the same body, now the checked bytes
	resp.ContentLength = int64(len(out))
	call.SetChecked()
	return resp, nil
}
