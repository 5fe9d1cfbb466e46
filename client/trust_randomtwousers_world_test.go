package client_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
)

// A randomized two-user trust harness. Three loopback origins (A the API, B
// another origin A redirects to, C a backup) answer with a body naming the
// credentials they got; alice and bob call them with random Options through
// one shared store and one shared HTTP cache storage (replicas on one Redis,
// one partition key), or through one client. Checked on every answer: a user
// never gets a body, header or Set-Cookie naming the other's credential,
// and no origin ever gets one user's credential on the other's request, or
// a credential on another origin than the one it was given for.

var tfCC = []string{"", "public, max-age=60", "private, max-age=60", "max-age=60", "no-store", "no-cache",
	"s-maxage=60, max-age=0", "max-age=0", "must-revalidate, max-age=60", "max-age=1, stale-if-error=60", "max-age=0, stale-while-revalidate=60", "dyn",
	"max-age=60, must-revalidate, no-cache=Set-Cookie,private"} // private after an unquoted argument
var tfVary = []string{"", "Authorization", "Cookie", "Authorization, Cookie", "X-Api-Key", "X-Workspace", "X-Auth-Token",
	"X-Shard"} // the inner layer's (tfLayer)

// Names the README's rule calls secret.
var tfSecretQuery = []string{"access_token", "api_key", "apikey", "client_secret", "id_token", "password", "session_id",
	"sig", "signature", "user_pin", "code", "X-Amz-Security-Token", "jwt", "otp", "passcode", "csrf_token", "hdnts"}
var tfSecretHeader = []string{"X-Api-Key", "X-Goog-Api-Key", "Api-Key", "X-Signature", "X-Amz-Security-Token",
	"Ocp-Apim-Subscription-Key", "X-Csrf-Token", "DPoP", "X-Remote-User", "X-Forwarded-Email", "X-Client-Cert",
	"X-Ms-Client-Principal", "X-Wx-Openid", "X-Session", "X-Hmac", "X-Pass", "Private-Token", "X-Xsrf-Token"}

// tfUsers names the user a string carries credentials of.
func tfUsers(s string) []string {
	var u []string
	for _, n := range []string{"alice", "bob"} {
		if strings.Contains(s, n) {
			u = append(u, n)
		}
	}
	return u
}

type tfOrigin struct {
	name string
	srv  *httptest.Server
	mu   sync.Mutex
	bad  []string

	dropped atomic.Int32
}

func (o *tfOrigin) violation(f string, a ...any) {
	o.mu.Lock()
	o.bad = append(o.bad, o.name+": "+fmt.Sprintf(f, a...))
	o.mu.Unlock()
}

// tfServe is every origin's handler. Paths: /login, /r/<cc>/<vary>/<sc>/<redir>/<k>.
func tfServe(o *tfOrigin, others func(string) *tfOrigin) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, readErr := io.ReadAll(r.Body)
		caller := r.Header.Get("X-Caller")
		if v := tfBodyViolation(r, body, readErr); v != "" {
			o.violation("%s's call: %s", caller, v)
		}
		var all strings.Builder
		for k, vs := range r.Header {
			if k != "X-Caller" && k != "X-Call-Mode" && k != tfBodyHeader {
				fmt.Fprintf(&all, "%s: %s\n", k, strings.Join(vs, ","))
			}
		}
		if bu, bp, ok := r.BasicAuth(); ok {
			fmt.Fprintf(&all, "basic %s:%s\n", bu, bp)
		}
		all.WriteString(r.URL.String() + "\n")
		all.Write(body)
		got := all.String()
		for _, u := range tfUsers(got) {
			if u != caller {
				o.violation("%s's request carried %s's credential: %q", caller, u, got)
			}
		}
		for _, tok := range []string{"-auth", "-key", "-qtok", "-hck", "-upw", "-js", "-uid", "-ten", "-idw", "-lt", "-icp", "-ckA", "-ckB", "-ckC"} {
			if strings.Contains(got, tok) && !(tok == "-ck"+o.name || o.name == "A" && !strings.HasPrefix(tok, "-ck")) {
				o.violation("got credential %s meant for another origin: %q", tok, got)
			}
		}
		if r.Header.Get("Referer") != "" {
			o.violation("a Referer was sent: %q", got)
		}
		jarCk := strings.Contains(r.Header.Get("Cookie"), "-ck")
		if mode := r.Header.Get("X-Call-Mode"); mode == "omit" && jarCk {
			o.violation("a call with Credentials omit sent the jar's cookie: %q", got)
		} else if mode == "same-origin" && jarCk && (o.name != "A" || strings.Contains(r.URL.Path, "/back/")) {
			o.violation("a call with Credentials same-origin sent the jar's cookie off the base origin or after a chain left it: %q", got)
		}
		if r.URL.Path == "/login" {
			http.SetCookie(w, &http.Cookie{Name: "sid" + o.name, Value: caller + "-ck" + o.name, Path: "/"})
			return
		}
		p := strings.Split(strings.TrimPrefix(r.URL.Path, "/r/"), "/")
		if len(p) == 5 {
			p[4], _, _ = strings.Cut(p[4], ";") // a ;jsessionid= stays on its origin
		}
		if len(p) != 5 {
			w.WriteHeader(404)
			return
		}
		cc, _ := strconv.Atoi(p[0])
		vary, _ := strconv.Atoi(p[1])
		if p[2] == "1" {
			if us := tfUsers(got); len(us) == 1 {
				http.SetCookie(w, &http.Cookie{Name: "sid" + o.name, Value: us[0] + "-ck" + o.name, Path: "/"})
			} else {
				http.SetCookie(w, &http.Cookie{Name: "anon", Value: "1", Path: "/"})
			}
		}
		switch redir := p[3]; {
		case redir == "503":
			w.WriteHeader(503)
			return
		case redir == "drop" && o.dropped.Add(1)%2 == 0: // every other one: the origin cannot be reached
			conn, _, _ := http.NewResponseController(w).Hijack()
			conn.Close()
			return
		case o.name == "A" && redir == "302f":
			http.Redirect(w, r, others("B").srv.URL+"/r/"+strings.Join(append(p[:3:3], "503", p[4]), "/"), 302)
			return
		case o.name == "A" && (redir == "301" || redir == "302" || redir == "307" || redir == "308"):
			back := "0"
			if p[4] == "1" {
				back = "A"
				if redir == "307" || redir == "308" { // back with the same code: the body goes again
					back += redir
				}
			}
			code, _ := strconv.Atoi(redir)
			http.Redirect(w, r, others("B").srv.URL+"/r/"+strings.Join(append(p[:3:3], back, p[4]), "/"), code)
			return
		case o.name == "A" && redir == "self":
			http.Redirect(w, r, "/r/"+strings.Join(append(p[:3:3], "0", p[4]), "/"), 302)
			return
		case o.name == "B" && (redir == "A" || redir == "A307" || redir == "A308"):
			code, _ := strconv.Atoi(cmp.Or(redir[1:], "302"))
			http.Redirect(w, r, others("A").srv.URL+"/r/"+strings.Join(append(p[:3:3], "back", p[4]), "/"), code)
			return
		case o.name == "A" && redir == "back": // a hop back from B: the credential headers stay deleted
			for _, tok := range []string{"-auth", "-key", "-hck", "-uid", "-ten", "-idw", "-lt", "-upw"} {
				if strings.Contains(got, tok) {
					o.violation("a hop back from B carried the call's credential header %s: %q", tok, got)
				}
			}
		}
		time.Sleep(time.Millisecond) // misses overlap
		ccv := tfCC[cc]
		if ccv == "dyn" { // public for anyone, private for a user
			ccv = "public, max-age=60"
			if len(tfUsers(got)) > 0 {
				ccv = "private, max-age=0"
			}
		}
		bu, bp, _ := r.BasicAuth()
		var named []string // the header fields that name a user
		for k, vs := range r.Header {
			if k != "X-Caller" && k != "X-Shard" && len(tfUsers(strings.Join(vs, ","))) > 0 {
				named = append(named, k)
			}
		}
		slices.Sort(named)
		creds := map[string]string{"srv": o.name, "named": strings.Join(named, ","), "basic": bu + ":" + bp, "lt": r.Header.Get("X-Auth-Token"), "path": r.URL.Path, "cc": ccv,
			"auth": r.Header.Get("Authorization"), "key": r.Header.Get("X-Api-Key"),
			"cookie": r.Header.Get("Cookie"), "qtok": r.URL.Query().Get("access_token"), "tt": r.Header.Get(tfTransportToken)}
		for _, k := range append(tfIdentWords, tfConnHeader) { // who the request says, or its connection says, it is
			creds["ident"] += r.Header.Get(k) + ","
		}
		if ccv != "" {
			w.Header().Set("Cache-Control", ccv)
		}
		if tfVary[vary] == "X-Shard" { // the answer is the shard's, and says so
			creds["shard"] = r.Header.Get("X-Shard")
		}
		if tfVary[vary] != "" {
			w.Header().Set("Vary", tfVary[vary])
		}
		etag := `"v` + p[4] + `"` // the resource's version: the same for every user
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if cb := r.URL.Query().Get("callback"); cb != "" {
			w.Header().Set("Content-Type", "text/javascript")
			b, _ := json.Marshal(creds)
			fmt.Fprintf(w, "%s(%s);", cb, b)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(creds)
	}
}

type tfWorld struct {
	orig   map[string]*tfOrigin
	paths  []string // the few paths a run calls, so that answers are reused
	shared bool     // the HTTP cache is a shared one: public answers cross users

	identOnly bool        // the calls' identity headers alone tell the users apart (tfIdentOnly)
	connOnly  bool        // their connections alone do
	conns     sync.Map    // tfConnKey of a connection: the user whose transport dialed it (tfConnTransport)
	spell     atomic.Bool // the calls are a client's: their URLs' hosts spelled many ways (tfSpellOption)
}

func tfNewWorld(t *testing.T) *tfWorld {
	w := &tfWorld{orig: map[string]*tfOrigin{}}
	for _, n := range []string{"A", "B", "C"} {
		o := &tfOrigin{name: n}
		o.srv = httptest.NewServer(tfConnIdentity(w, tfServeMore(o, tfServe(o, func(n string) *tfOrigin { return w.orig[n] }))))
		t.Cleanup(o.srv.Close)
		w.orig[n] = o
	}
	return w
}

// tfOption draws a random Option for user u, on one of the world's paths.
func tfOption(rng *rand.Rand, w *tfWorld, u string, jar bool) (client.Option, string) {
	pick := rng.IntN
	o := client.Option{URL: w.paths[pick(len(w.paths))], RetryTimes: client.NoRetry, Timeout: time.Second}
	if pick(6) == 0 {
		o.URL = w.orig["B"].srv.URL + w.paths[pick(len(w.paths))]
	}
	onB := strings.HasPrefix(o.URL, "http")
	switch pick(6) {
	case 0, 1, 2:
	case 3:
		o.Method = "HEAD"
	default:
		o.Method = "POST"
		if pick(2) == 0 {
			o.Data = map[string]any{"n": pick(2)}
		}
	}
	if o.Method != "POST" && pick(3) == 0 {
		d := map[string]any{"n": 1}
		if pick(2) == 0 && !onB {
			d[tfSecretQuery[pick(len(tfSecretQuery))]] = u + "-qtok"
		}
		if pick(4) == 0 && !onB { // a nested value goes as JSON text
			d["filter"] = map[string]any{"a": []any{map[string]any{tfSecretQuery[pick(len(tfSecretQuery))]: u + "-qtok"}}}
		}
		o.Data = d
	}
	if !onB { // the credentials are A's
		o.Header = http.Header{}
		switch pick(8) {
		case 0, 1, 2:
			o.Header.Set("Authorization", "Bearer "+u+"-auth")
		case 3:
			o.Header.Set("Authorization", "Bearer "+u+"-auth")
			o.Header.Set(tfSecretHeader[pick(len(tfSecretHeader))], u+"-key")
		case 4:
			o.Header.Set("Cookie", "hc="+u+"-hck")
		case 5:
			o.Header.Set("X-User-Id", u+"-uid")
		case 6:
			o.Header.Set("X-Workspace", u+"-ten") // a WithCredentialHeaders name
		}
		if pick(3) == 0 { // a header map written by hand: names as they come
			for k, v := range o.Header {
				delete(o.Header, k)
				o.Header[[]string{strings.ToLower(k), strings.ToUpper(k)}[pick(2)]] = v
			}
		}
		switch pick(10) { // credentials in the URL itself
		case 0:
			o.URL = strings.Replace(w.orig["A"].srv.URL, "//", "//"+u+":"+u+"-upw@", 1) + o.URL
		case 1:
			o.URL += ";jsessionid=" + u + "-js"
		case 2:
			o.URL += "?access_token=" + u + "-qtok"
		}
	}
	if jar {
		o.Credentials = []string{"", client.CredentialsSameOrigin, client.CredentialsInclude}[pick(3)]
	}
	o.Mode = []string{"", client.ModeCORS, client.ModeCORS, client.ModeCORS, client.ModeNoCORS}[pick(5)]
	if o.Mode == client.ModeNoCORS && len(o.Header) > 0 {
		o.Mode = client.ModeCORS // no-cors refuses them
	}
	if pick(2) == 0 {
		o.UseStore = true
		o.StoreCheck = func(*client.Response) bool { return true }
	}
	o.Cache = []string{"", "", "", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"}[pick(8)]
	switch pick(4) {
	case 0:
		o.Backup = []string{w.orig["C"].srv.URL + w.paths[pick(len(w.paths))]}
	case 1:
		o.Backup = []string{w.paths[pick(len(w.paths))]}
	}
	if pick(3) == 0 {
		o.RetryTimes = 1
	}
	switch pick(10) {
	case 0:
		if o.Method == "" {
			o.JSONP = true
		}
	case 1:
		o.EnableChunked, o.UseStore, o.StoreCheck, o.Cache = true, false, nil, ""
	}
	more := tfOptionMore(rng, &o, u)
	more += tfSpellOption(rng, w, &o) + tfOwnConditions(rng, w, &o)
	return o, fmt.Sprintf("%s %s %s data=%v hdr=%v cred=%q mode=%q store=%v cache=%q backup=%v jsonp=%v chunked=%v%s",
		u, o.Method, o.URL, o.Data, o.Header, o.Credentials, o.Mode, o.UseStore, o.Cache, o.Backup, o.JSONP, o.EnableChunked, more)
}

type tfCallerKey struct{}

// tfCall is what the layers know of a call: its user, and which of them
// sets the user's token (0 none, 1 the outer layer, 2 the inner one).
type tfCall struct {
	user         string
	tokenBy, icp int    // icp: 1 the README's interceptor adds the user's token
	creds        string // the call's Credentials mode, "" for a plain http.Client's
	body         string // the hash of the body the call's Data makes (tfBodyHash), "" for none
}

// tfLayer is a layer of the client's: the inner one tells the origins
// whose call a request is (X-Caller is no credential: it is not in the
// partition); either sets the user's token when the call says so, on
// every request it sees, other origins' included.
func tfLayer(inner bool) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return middleware.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			c, _ := r.Context().Value(tfCallerKey{}).(tfCall)
			r = r.Clone(r.Context())
			if !inner {
				tfMarkBody(r, c.body)
			}
			if inner {
				r.Header.Set("X-Caller", c.user)
				if c.user != "" {
					r.Header.Set("X-Shard", c.user+"-shd") // no credential: a tenant's shard, which answers may vary on
				}
				if c.creds != "" {
					r.Header.Set("X-Call-Mode", c.creds)
				}
			}
			if c.tokenBy == 1 && !inner || c.tokenBy == 2 && inner {
				r.Header.Set("X-Auth-Token", c.user+"-lt")
			}
			return tfWriteInAnswer(inner, c.user, next, r)
		})
	}
}

// tfCheck reports what of resp or err names a user other than u.
func tfCheck(w *tfWorld, u string, resp *client.Response, err error) string {
	var s strings.Builder
	if resp != nil {
		fmt.Fprintf(&s, "%v %s %v %s", resp.Header, resp.Raw, resp.Cookies, resp.URL)
		if w.shared && resp.Raw != nil {
			var m map[string]string
			if json.Unmarshal(resp.Raw, &m) == nil && !strings.Contains(m["cc"], "private") && (strings.Contains(m["cc"], "public") ||
				strings.Contains(m["cc"], "s-maxage") || strings.Contains(m["cc"], "must-revalidate") && m["named"] == "Authorization") {
				s.Reset() // documented: a shared cache's public answer serves every user
				fmt.Fprintf(&s, "%v %v", resp.Header, resp.Cookies)
			}
		}
	}
	if err != nil {
		s.WriteString(err.Error())
		if se, ok := errors.AsType[*client.StatusError](err); ok {
			fmt.Fprintf(&s, " %v %s", se.Header, se.Body)
		}
	}
	for _, o := range tfUsers(s.String()) {
		if o != u {
			return s.String()
		}
	}
	return ""
}
