package client_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestStoreKeepsNoBackupAnswerOfItsPathSecret: a backup URL whose path
// holds its caller's own secret, a query escaped in it (once or twice,
// which a server that unescapes reads as ?access_token=<user>) or a JWT
// segment (/verify/eyJ…), got an answer made for that secret. It was
// written under the first URL's key, and bob, with the same first URL and
// no credential, was answered alice's data from the store. With the HTTP
// cache on too.
func TestStoreKeepsNoBackupAnswerOfItsPathSecret(t *testing.T) {
	answer := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprintf(w, `{"v":"1","for":%q}`, r.URL.EscapedPath())
	}
	api := httptest.NewServer(http.HandlerFunc(answer))
	defer api.Close()
	mirror := httptest.NewServer(http.HandlerFunc(answer))
	defer mirror.Close()
	jwt := func(user string) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(`{"sub":"`+user+`"}`)) + "." + e([]byte("signature-bytes"))
	}
	accept := func(*client.Response) bool { return true }
	backups := map[string]func(user string) string{
		"escaped query":       func(u string) string { return mirror.URL + "/mirror%3Faccess_token%3D" + u },
		"escaped query twice": func(u string) string { return mirror.URL + "/mirror%253Faccess_token%253D" + u },
		"JWT segment":         func(u string) string { return api.URL + "/verify/" + jwt(u) },
	}
	for name, backup := range backups {
		c := client.New(client.WithBaseURL(api.URL), client.WithHTTPCache())
		for _, user := range []string{"alice", "bob"} {
			r, err := c.Request(context.Background(), client.Option{URL: "/feed", Mode: client.ModeCORS,
				RetryTimes: client.NoRetry, Backup: []string{backup(user)}, UseStore: true, StoreCheck: accept})
			if err != nil {
				t.Fatalf("%s, %s: %v", name, user, err)
			}
			want := strings.TrimPrefix(strings.TrimPrefix(backup(user), api.URL), mirror.URL)
			if !strings.Contains(string(r.Raw), `"for":"`+want+`"`) {
				t.Errorf("%s: %s got %s (from the store: %v); want its own backup's answer", name, user, r.Raw, r.FromStore)
			}
		}
	}
}
