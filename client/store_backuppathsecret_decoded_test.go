package client_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// TestStoreKeepsNoBackupAnswerOfItsDecodedPathSecret: the store told a
// backup's path secret by its escapes as the log redaction spells them
// (%3F and %3D both, a JWT in clear), so a backup URL built with
// url.PathEscape ("/m%3Faccess_token=alice": its '=' not escaped), or with
// an escaped letter in the name (%61ccess_token) or in the JWT (%65yJ…),
// or a parameter after a literal '&', all of which a server that decodes
// the path reads as alice's secret, had its answer written under the
// first URL's key, and bob was served alice's data. The segment is read
// decoded too now.
func TestStoreKeepsNoBackupAnswerOfItsDecodedPathSecret(t *testing.T) {
	mirror := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprintf(w, `{"v":"1","for":%q}`, r.URL.Path) // decoded, as the server reads it
	}))
	defer mirror.Close()
	jwt := func(user string) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(`{"sub":"`+user+`"}`)) + "." + e([]byte("signature-bytes"))
	}
	backups := map[string]func(user string) string{
		"url.PathEscape":    func(u string) string { return "/m" + url.PathEscape("?access_token="+u) },
		"escaped letter":    func(u string) string { return "/m%3F%61ccess_token%3D" + u },
		"after a literal &": func(u string) string { return "/m%3Fpage=1&access_token%3D" + u },
		"escaped JWT":       func(u string) string { return "/verify/%65" + jwt(u)[1:] },
	}
	for name, backup := range backups {
		c := client.New(client.WithBaseURL(mirror.URL))
		for _, user := range []string{"alice", "bob"} {
			r, err := c.Request(context.Background(), client.Option{URL: "/feed", RetryTimes: client.NoRetry,
				Backup: []string{mirror.URL + backup(user)}, UseStore: true, StoreCheck: func(*client.Response) bool { return true }})
			if err != nil {
				t.Fatalf("%s, %s: %v", name, user, err)
			}
			want, _ := url.PathUnescape(backup(user))
			if !strings.Contains(string(r.Raw), `"for":"`+want+`"`) {
				t.Errorf("%s: %s got %s (from the store: %v); want its own backup's answer", name, user, r.Raw, r.FromStore)
			}
		}
	}
}
