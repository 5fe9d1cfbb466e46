package client

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
)

// Redirects follow net/http's rules though the first hop skips
// http.Client: 307 and 308 send the body again whole, 301/302/303 turn a
// POST into a bodiless GET, a 3xx without Location is the answer.
func TestRedirectMethodsAndBodies(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Path+" "+string(body)+" "+r.Header.Get("Content-Type"))
		switch r.URL.Path {
		case "/307", "/308":
			code := 307
			if r.URL.Path == "/308" {
				code = 308
			}
			http.Redirect(w, r, "/end", code)
		case "/303", "/301", "/302":
			code := map[string]int{"/301": 301, "/302": 302, "/303": 303}[r.URL.Path]
			http.Redirect(w, r, "/end", code)
		case "/nolocation":
			w.WriteHeader(302)
			_, _ = io.WriteString(w, `"stay"`)
		default:
			_, _ = io.WriteString(w, `"done"`)
		}
	}))
	defer srv.Close()
	c := New(WithLayers())
	cases := []struct {
		path string
		want []string
	}{
		{"/307", []string{"POST /307 {\"a\":1} application/json", "POST /end {\"a\":1} application/json"}},
		{"/308", []string{"POST /308 {\"a\":1} application/json", "POST /end {\"a\":1} application/json"}},
		{"/303", []string{"POST /303 {\"a\":1} application/json", "GET /end  "}},
		{"/301", []string{"POST /301 {\"a\":1} application/json", "GET /end  "}},
		{"/nolocation", []string{"POST /nolocation {\"a\":1} application/json"}},
	}
	for _, tc := range cases {
		got = nil
		resp, err := c.Request(context.Background(), Option{URL: srv.URL + tc.path, Method: "POST", Data: map[string]int{"a": 1}})
		if err != nil {
			t.Fatalf("%s: %v", tc.path, err)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: server saw %q, want %q", tc.path, got, tc.want)
		}
		if tc.path == "/nolocation" && (resp.StatusCode != 302 || resp.Data != "stay") {
			t.Errorf("a 3xx without Location: %d %v", resp.StatusCode, resp.Data)
		}
	}
}

// Userinfo in the URL is sent as Basic authorization, as http.Client does,
// unless the caller set Authorization.
func TestUserinfoBecomesBasicAuth(t *testing.T) {
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = append(auth, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	c := New(WithLayers())
	u := strings.Replace(srv.URL, "http://", "http://ann:s3cret@", 1)
	if _, err := c.Request(context.Background(), Option{URL: u}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Request(context.Background(), Option{URL: u, Header: http.Header{"Authorization": {"Bearer t"}}}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"Basic YW5uOnMzY3JldA==", "Bearer t"}; strings.Join(auth, ",") != strings.Join(want, ",") {
		t.Fatalf("Authorization = %q, want %q", auth, want)
	}
}

// A RoundTripper that breaks its contract gets net/http's answers, not a
// panic: nil response and nil error is an error, a nil Body reads empty.
func TestBrokenRoundTripper(t *testing.T) {
	c := New(WithLayers(), WithTransport(middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		return nil, nil
	})))
	if _, err := c.Request(context.Background(), Option{URL: "http://h.test/"}); err == nil || !strings.Contains(err.Error(), "nil *Response with a nil error") {
		t.Fatalf("err = %v", err)
	}
	c = New(WithLayers(), WithTransport(middleware.RoundTripperFunc(func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}}, nil
	})))
	resp, err := c.Request(context.Background(), Option{URL: "http://h.test/"})
	if err != nil || resp.StatusCode != 200 || len(resp.Raw) != 0 {
		t.Fatalf("resp %+v, err %v", resp, err)
	}
}
