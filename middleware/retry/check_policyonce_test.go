package retry_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/retry"
)

// A checked 2xx (a JSONP call's) is judged by the policy once, not once
// before its check and again after: a policy of the caller's that counts
// or logs its calls sees each answer once.
func TestAttemptCheckAsksThePolicyOncePerAnswer(t *testing.T) {
	srv := faultserver.New(t, faultserver.OK("x"))
	asked := 0
	policy := func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		asked++
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	call := middleware.NewCall(middleware.Settings{RetryTimes: 2,
		AttemptCheck: func(_ *http.Response, body []byte) ([]byte, error) { return body, nil }})
	req, _ := http.NewRequestWithContext(middleware.WithCall(context.Background(), call), http.MethodGet, srv.URL, nil)
	resp, err := (&http.Client{Transport: retry.New(nil, retry.WithPolicy(policy))}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if asked != 1 || srv.Count() != 1 {
		t.Errorf("the policy was asked %d times of %d answer(s), want once", asked, srv.Count())
	}
}
