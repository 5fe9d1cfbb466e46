package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// README (Composing middleware), where taroreq differs from Taro's H5 code
// on purpose: the Option's Success/Fail/Complete run once, after the whole
// chain, with what the call returns (an answer the interceptor changed, one
// it gave by itself, its error before proceeding); callbacks an interceptor
// puts on the Option it proceeds with are not called.
func TestReadmeInterceptorCallbacks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"a":1}`)) }))
	defer srv.Close()
	errRefused := errors.New("refused by the interceptor")
	for _, tc := range []struct {
		name      string
		icpt      client.Interceptor
		wantData  any
		wantError error
	}{
		{"changes the answer", func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			resp, err := proceed(ctx, opt)
			if err == nil {
				resp.Data = "changed"
			}
			return resp, err
		}, "changed", nil},
		{"answers by itself", func(context.Context, client.Option, client.Proceed) (*client.Response, error) {
			return &client.Response{StatusCode: 200, Data: "own"}, nil
		}, "own", nil},
		{"fails before proceeding", func(context.Context, client.Option, client.Proceed) (*client.Response, error) {
			return nil, errRefused
		}, nil, errRefused},
		{"puts callbacks on the Option it proceeds with", func(ctx context.Context, opt client.Option, proceed client.Proceed) (*client.Response, error) {
			opt.Success = func(*client.Response) { t.Error("the interceptor's Success was called") }
			opt.Fail = func(*client.Response, error) { t.Error("the interceptor's Fail was called") }
			opt.Complete = func(*client.Response, error) { t.Error("the interceptor's Complete was called") }
			return proceed(ctx, opt)
		}, map[string]any{"a": 1.0}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := client.New(client.WithBaseURL(srv.URL), client.WithInterceptors(tc.icpt))
			var success, fail, complete int
			var seen *client.Response
			var failErr error
			resp, err := c.Request(context.Background(), client.Option{URL: "/x",
				Success:  func(r *client.Response) { success++; seen = r },
				Fail:     func(r *client.Response, err error) { fail++; seen, failErr = r, err },
				Complete: func(*client.Response, error) { complete++ },
			})
			if !errors.Is(err, tc.wantError) {
				t.Fatalf("err %v, want %v", err, tc.wantError)
			}
			if complete != 1 || seen != resp {
				t.Fatalf("complete %d times; callbacks saw %p, the call returned %p", complete, seen, resp)
			}
			if tc.wantError != nil {
				if success != 0 || fail != 1 || !errors.Is(failErr, tc.wantError) {
					t.Fatalf("success %d fail %d (%v), want Fail once with the interceptor's error", success, fail, failErr)
				}
				return
			}
			if success != 1 || fail != 0 {
				t.Fatalf("success %d fail %d, want 1 0", success, fail)
			}
			if m, ok := tc.wantData.(map[string]any); ok {
				if got, _ := resp.Data.(map[string]any); got["a"] != m["a"] {
					t.Fatalf("Data %v", resp.Data)
				}
			} else if resp.Data != tc.wantData {
				t.Fatalf("Data %v, want %v", resp.Data, tc.wantData)
			}
		})
	}
}
