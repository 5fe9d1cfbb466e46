package httpcache_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/httpcache"
)

// versioned is an in-memory origin: a GET answers the resource's version,
// fresh for ten minutes, and a POST makes a new one. Resources are named
// as an origin reads the request: host without the default port, in lower
// case, path unescaped ("/" when empty), userinfo and fragment never sent. With userinfoAuth
// it answers each userinfo user with their own page, as a RoundTripper
// below the cache that sends userinfo as credentials does.
func versioned(userinfoAuth bool) http.RoundTripper {
	var mu sync.Mutex
	ver := map[string]int{}
	return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
		host := strings.ToLower(strings.TrimSuffix(r.URL.Host, ":80"))
		res := host + r.URL.Path
		if r.URL.Path == "" {
			res += "/" // what the request line says
		}
		mu.Lock()
		if r.Method == http.MethodPost {
			ver[res]++
		}
		v := ver[res]
		mu.Unlock()
		body := res + " v" + strconv.Itoa(v)
		if userinfoAuth && r.URL.User != nil {
			body += " for " + r.URL.User.Username()
		}
		h := http.Header{"Cache-Control": {"max-age=600"}}
		return &http.Response{StatusCode: http.StatusOK, Header: h, Body: io.NopCloser(strings.NewReader(body)),
			Request: r}, nil
	})
}

func do(t *testing.T, rt http.RoundTripper, method, url string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// A successful POST invalidates the entries of its URL however the URL of
// a stored GET spelled the same resource (RFC 9110 §4.2.3: host case,
// default port, empty path, unreserved characters percent-encoded or not),
// and whatever userinfo or fragment either carried: every user's, as the
// README says, not only those of the POST's exact text.
func TestUnsafeRequestInvalidatesEverySpelling(t *testing.T) {
	for _, c := range []struct{ name, get, post string }{
		{"fragment on the GET", "http://h/a#top", "http://h/a"},
		{"fragment on the POST", "http://h/a", "http://h/a#top"},
		{"host case", "http://H.example/a", "http://h.example/a"},
		{"default port", "http://h:80/a", "http://h/a"},
		{"empty path", "http://h", "http://h/"},
		{"escaped unreserved", "http://h/%7Euser", "http://h/~user"},
		{"escape case", "http://h/a%2fb", "http://h/a%2Fb"},
		{"another user's userinfo", "http://bob:b@h/a", "http://alice:a@h/a"},
		{"userinfo and none", "http://h/a", "http://alice:a@h/a"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := httpcache.New(versioned(false))
			before := do(t, tr, http.MethodGet, c.get)
			if again := do(t, tr, http.MethodGet, c.get); again != before {
				t.Fatalf("not cached: %q then %q", before, again)
			}
			do(t, tr, http.MethodPost, c.post)
			if after := do(t, tr, http.MethodGet, c.get); after == before {
				t.Errorf("after POST %s, GET %s still answered %q from the cache", c.post, c.get, after)
			}
		})
	}
}

// Spellings that name other resources keep their own entries: an escaped
// slash is not a slash.
func TestSpellingsOfOtherResourcesStayApart(t *testing.T) {
	tr := httpcache.New(versioned(false))
	do(t, tr, http.MethodGet, "http://h/a%2Fb")
	do(t, tr, http.MethodGet, "http://h/a/b")
	do(t, tr, http.MethodPost, "http://h/a/b")
	// The origin sees both as /a/b here; what matters is that the
	// cache did not file them as one: a POST to /a/b leaves /a%2Fb's
	// entry, which the origin's v0 still is.
	if got := do(t, tr, http.MethodGet, "http://h/a%2Fb"); got != "h/a/b v0" {
		t.Errorf("GET /a%%2Fb after POST /a/b: %q, want its own entry", got)
	}
}

// Without userinfo in the index, users whose credentials are their
// userinfo (a RoundTripper below that sends it) still never share an
// entry.
func TestUserinfoUsersStayApart(t *testing.T) {
	tr := httpcache.New(versioned(true))
	if got := do(t, tr, http.MethodGet, "http://alice:a@h/a"); got != "h/a v0 for alice" {
		t.Fatalf("alice: %q", got)
	}
	if got := do(t, tr, http.MethodGet, "http://bob:b@h/a"); got != "h/a v0 for bob" {
		t.Errorf("bob was served %q", got)
	}
	if got := do(t, tr, http.MethodGet, "http://h/a"); got != "h/a v0" {
		t.Errorf("a request without userinfo was served %q", got)
	}
}
