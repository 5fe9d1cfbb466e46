package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/store"
)

// A backup on another origin gets the jar's cookies for that origin, which
// the store key's partition (made for the primary URL) does not count:
// alice's answer from the backup must not be stored where bob, without
// credentials, is served.
func TestStoreBackupJarCookie(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer primary.Close()
	second := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := "anonymous"
		if ck, err := r.Cookie("sid"); err == nil {
			who = ck.Value
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"v":"1","user":%q}`, who)
	}))
	defer second.Close()
	// Another host name than the primary's, so the jar keeps them apart.
	backupURL := strings.Replace(second.URL, "127.0.0.1", "localhost", 1)
	st := store.NewMemory()
	newClient := func(sid string) *client.Client {
		jar, _ := cookiejar.New(nil)
		if sid != "" {
			u, _ := url.Parse(backupURL)
			jar.SetCookies(u, []*http.Cookie{{Name: "sid", Value: sid}})
		}
		return client.New(client.WithStore(st), client.WithPartitionKey([]byte("replicas share this key")),
			client.WithCookieJar(jar))
	}
	alice, bob := newClient("alice-session"), newClient("")
	opt := client.Option{URL: primary.URL + "/data", Backup: []string{backupURL + "/data"},
		Credentials: client.CredentialsInclude, Mode: client.ModeCORS, UseStore: true,
		StoreCheckKey: "v", StoreSign: "1", RetryTimes: client.NoRetry}
	for _, user := range []struct {
		c      *client.Client
		want   string
		stored int
	}{{alice, "alice-session", 0}, {bob, "anonymous", 1}} {
		r, err := user.c.Request(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Data.(map[string]any)["user"]; got != user.want {
			t.Fatalf("want %s's data, got %v's (from the store: %v)", user.want, got, r.FromStore)
		}
		if n, _ := st.Len(); n != user.stored {
			t.Fatalf("after %s's request the store holds %d entries, want %d", user.want, n, user.stored)
		}
	}
}
