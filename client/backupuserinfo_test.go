package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A backup URL's own userinfo is sent as Basic authorization, as the
// primary URL's is (and http.Client does): it is the caller's credential
// for that backup, not the primary's crossing an origin. The primary's
// credentials still stay off a backup of another origin.
func TestBackupUserinfoBecomesBasicAuth(t *testing.T) {
	primary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer primary.Close()
	var got []string
	backup := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("Authorization"))
	}))
	defer backup.Close()
	withUser := func(u, user string) string { return strings.Replace(u, "http://", "http://"+user+"@", 1) }
	for _, tc := range []struct {
		name string
		opt  client.Option
		want string
	}{
		{"another origin", client.Option{URL: primary.URL + "/x", Backup: []string{withUser(backup.URL, "bob:pw2") + "/b"}}, "Basic Ym9iOnB3Mg=="},
		{"another origin, primary's header", client.Option{URL: primary.URL + "/x", Header: http.Header{"Authorization": {"Bearer primary"}}, Backup: []string{withUser(backup.URL, "bob:pw2") + "/b"}}, "Basic Ym9iOnB3Mg=="},
		{"another origin, primary's userinfo", client.Option{URL: withUser(primary.URL, "ann:pw1") + "/x", Backup: []string{withUser(backup.URL, "bob:pw2") + "/b"}}, "Basic Ym9iOnB3Mg=="},
		{"another origin, no userinfo", client.Option{URL: withUser(primary.URL, "ann:pw1") + "/x", Backup: []string{backup.URL + "/b"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			tc.opt.Mode, tc.opt.RetryTimes = client.ModeCORS, client.NoRetry
			res, err := client.New(client.WithBaseURL(primary.URL)).Request(context.Background(), tc.opt)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("status %d, err %v", res.StatusCode, err)
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("backup's Authorization %q, want %q", got, tc.want)
			}
		})
	}
}
