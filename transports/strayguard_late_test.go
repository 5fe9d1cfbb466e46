package transports

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/taroreq/taroreq/internal/layertest"
)

// lateStrayServer answers /a as it should; its first answer to any other
// request starts with what a broken server sends late, after the next
// request came on the connection: the rest of alice's answer (a body after
// a HEAD's answer, written a moment later). Every later answer is clean.
func lateStrayServer(t *testing.T) (url string, dirty *atomic.Int32) {
	dirty = new(atomic.Int32)
	url = layertest.KeptAnswers(t, func(req *http.Request) string {
		if req.URL.Path == "/a" {
			return "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
		}
		const bobs = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nmine"
		if dirty.Add(1) == 1 {
			return `{"secret":"alice-token"}` + "\r\n" + bobs
		}
		return bobs
	})
	return url, dirty
}

// Bytes that come where the next answer should begin, on a connection
// that answered before, and do not begin as an answer does, are an earlier
// answer's: the guard withholds them, so they are neither the next
// caller's answer nor quoted in its error (net/http fails such an answer
// with `malformed HTTP response "{\"secret\":\"alice-token\"}"`), and
// net/http sends the GET again on another connection.
func TestStrayGuardWithholdsLateBytesWhereTheNextAnswerBegins(t *testing.T) {
	url, dirty := lateStrayServer(t)
	tr := Default()
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	get := func(path string) (string, error) {
		resp, err := hc.Get(url + path)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if got, err := get("/a"); err != nil || got != `{"a":1}` {
		t.Fatalf("/a: %q, %v", got, err)
	}
	got, err := get("/b") // on /a's connection: the stray bytes come first
	if err != nil || got != "mine" {
		t.Fatalf("/b: %q, %v; want mine, sent again on another connection", got, err)
	}
	if dirty.Load() != 2 {
		t.Errorf("/b was answered %d times, want 2 (the stray answer, then a clean one)", dirty.Load())
	}
}

// A POST net/http does not send again fails, with ErrStrayBytes, and
// nothing of the stray bytes in its error.
func TestStrayGuardFailsAPostOnLateBytesWithoutQuotingThem(t *testing.T) {
	url, _ := lateStrayServer(t)
	tr := Default()
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := hc.Get(url + "/a")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	resp, err = hc.Post(url+"/b", "text/plain", strings.NewReader("x"))
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Fatalf("POST answered %d %q; want ErrStrayBytes", resp.StatusCode, b)
	}
	if !errors.Is(err, ErrStrayBytes) || strings.Contains(err.Error(), "alice") {
		t.Errorf("POST error %v; want ErrStrayBytes, without the stray bytes", err)
	}
}

// The guard withholds nothing that may begin an answer: a fresh
// connection's first answer is net/http's to judge, and an answer that
// begins "HTTP/" in any split passes.
func TestStrayGuardLetsEveryAnswerStartPass(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reads []string
		want  string
	}{
		{"fresh connection", []string{"junk"}, "junk"},
		{"split start", []string{"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na", "H", "TT", "P/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"},
			"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &scriptConn{reads: tc.reads}
			g := &strayGuard{Conn: c}
			g.Write([]byte("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"))
			var got bytes.Buffer
			buf := make([]byte, 64)
			for len(c.reads) > 0 || got.Len() == 0 {
				if got.Len() > 0 && len(tc.reads) > 1 && g.state == guardIdle {
					g.Write([]byte("GET /b HTTP/1.1\r\nHost: x\r\n\r\n"))
				}
				n, err := g.Read(buf)
				got.Write(buf[:n])
				if err != nil {
					break
				}
			}
			if got.String() != tc.want || c.closed {
				t.Errorf("read %q (closed %v), want %q", got.String(), c.closed, tc.want)
			}
		})
	}
}
