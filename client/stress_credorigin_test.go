package client_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// whoSent names the users a request's credentials say it is for, in every
// form the project recognises: Authorization (Bearer, or Basic from URL
// userinfo), a Cookie sid, X-Remote-User, the X-Workspace name the client is
// given with WithCredentialHeaders, an access_token query parameter. One
// user, "anon" for none, "CONFLICT(...)" for more than one.
func whoSent(r *http.Request) string {
	var ids []string
	add := func(s string) {
		if s != "" && !slices.Contains(ids, s) {
			ids = append(ids, s)
		}
	}
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
		add(strings.TrimPrefix(a, "Bearer "))
	} else if strings.HasPrefix(a, "Basic ") {
		b, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(a, "Basic "))
		add(strings.SplitN(string(b), ":", 2)[0])
	}
	for _, ck := range r.Cookies() {
		if ck.Name == "sid" {
			add(ck.Value)
		}
	}
	add(r.Header.Get("X-Remote-User"))
	add(r.Header.Get("X-Workspace"))
	add(r.URL.Query().Get("access_token"))
	switch len(ids) {
	case 0:
		return "anon"
	case 1:
		return ids[0]
	}
	slices.Sort(ids)
	return "CONFLICT(" + strings.Join(ids, "+") + ")"
}

// credOrigin answers who it thinks the user is, in the body and in the
// X-Who and X-User-Token headers, under the Cache-Control its path names.
// Validators are the same for every user (a server that versions data, not
// users): a 304 to another user's validator would hand them the entry.
func credOrigin(t *testing.T, seed uint64, backupOf func(*http.Request) string) *httptest.Server {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(seed, 1))
	var n atomic.Int64
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := whoSent(r)
		if strings.HasPrefix(who, "CONFLICT") {
			t.Errorf("%s got credentials of several users: %s", r.URL, who)
		}
		mu.Lock()
		fail, nap := rng.IntN(3) == 0, time.Duration(rng.IntN(1500))*time.Microsecond
		mu.Unlock()
		time.Sleep(nap) // concurrent misses overlap: coalesced
		h := w.Header()
		h.Set("X-Who", who)
		h.Set("X-User-Token", "tok-"+who)
		h.Set("Content-Type", "application/json")
		etag := `"v1"`
		switch p := r.URL.Path; p {
		case "/login":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: r.URL.Query().Get("as"), Path: "/"})
		case "/pub":
			h.Set("Cache-Control", "public, max-age=60")
		case "/priv":
			h.Set("Cache-Control", "private, max-age=60")
		case "/ma":
			h.Set("Cache-Control", "max-age=1")
		case "/mr":
			h.Set("Cache-Control", "max-age=0, must-revalidate")
			h.Set("ETag", etag)
		case "/nc", "/etag":
			if p == "/nc" {
				h.Set("Cache-Control", "no-cache")
			} else {
				h.Set("Cache-Control", "max-age=0")
			}
			h.Set("ETag", etag)
		case "/vary-auth", "/vary-cookie", "/vary-star":
			h.Set("Cache-Control", "max-age=60")
			h.Set("Vary", map[string]string{"/vary-auth": "Authorization", "/vary-cookie": "Cookie", "/vary-star": "*"}[p])
		case "/flaky":
			h.Set("Cache-Control", "max-age=60")
			if fail {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprintf(w, `{"user":%q}`, who)
				return
			}
		case "/to-b", "/via-b":
			w.Header().Set("Location", backupOf(r)+p)
			w.WriteHeader(http.StatusFound)
			return
		case "/down":
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, `{"user":%q}`, who)
			return
		}
		if h.Get("ETag") != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprintf(w, `{"user":%q,"v":"1","n":%d,"auth":%t}`, who, n.Add(1), r.Header.Get("Authorization") != "")
	}))
}
