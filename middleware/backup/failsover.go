package backup

import (
	"net/http"

	"github.com/taroreq/taroreq/internal/credential"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// markFailsOver tells the layers below, before URL i of n backups is
// tried, whether a failed status from it (retry.Failed's) is that URL's
// failure whatever DataCheck says: the loop fails over from it (the
// conditions under which it does not call notFailedOver, for a status: the
// request was sent), or, at the last URL, fails the call with every URL's
// error (a client's call; the fallback may answer). The datacheck layer
// then leaves it unchecked, as the spec's Backup orders it: a URL fails on
// its spent budget or on DataCheck, and DataCheck judges answers. Without
// backups a failed status is the call's answer, which DataCheck judges;
// with a rule of WithFailure's, which the datacheck layer cannot know,
// every answer is checked, as before.
func (t *transport) markFailsOver(call *middleware.Call, i, n int, req, orig, r *http.Request) {
	if call == nil || n == 0 || t.ownFailure {
		return
	}
	call.SetFailsOver(i == n ||
		retry.MaySendAgain(r, nil) && (i > 0 || orig == req || retry.MaySendAgain(orig, nil)))
}

// notFailedOver ends a request whose URL r failed in a way that may have
// applied it (a POST answered 503, or timed out), under the retry layer's
// rule (retry.MaySendAgain): sending it to a backup could apply it twice.
// The failed response is the answer, or the error stands, unless the
// fallback answers: it sends nothing, so it stays allowed. method is the
// request's the backups stand in for (a POST, not its redirect hop's GET).
func (t *transport) notFailedOver(req, r *http.Request, method string, resp *http.Response, err error) (*http.Response, error) {
	var urlErr error
	if err == nil {
		urlErr = statusError(r, resp)
	} else {
		urlErr = &URLError{URL: credential.URL(r.URL), Err: err}
	}
	if fb, ok := t.fall(req, &ExhaustedError{Errs: []error{urlErr}}); ok {
		middleware.Discard(resp)
		return fb, nil
	}
	if err == nil {
		return resp, nil
	}
	return nil, &NotFailedOverError{Method: method, Err: err}
}
