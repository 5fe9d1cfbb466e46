package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

type zzCyc struct {
	Name string
	Next *zzCyc
}

type zzIface interface{ M() }
type zzImpl struct{ A int }

func (*zzImpl) M() {}

type zzMarsh struct{}

func (*zzMarsh) MarshalJSON() ([]byte, error) { return []byte("{bad"), nil }

type zzPanicStringer struct{ p *int }

func (z zzPanicStringer) String() string { return "x" }

func zzData(sel uint8, s string) any {
	cyc := &zzCyc{Name: "a"}
	cyc.Next = cyc
	cm := map[string]any{}
	cm["self"] = cm
	var nilPtr *zzImpl
	var iface zzIface = nilPtr
	deep := any(s)
	for i := 0; i < 3000; i++ {
		deep = []any{deep}
	}
	deepM := any(s)
	for i := 0; i < 3000; i++ {
		deepM = map[string]any{"k": deepM}
	}
	var nilMap map[string]any
	var nilSlice []byte
	var nilReader io.Reader
	var nilBuf *bytes.Buffer
	var nilValues url.Values
	values := []any{
		nil, nilPtr, iface, cyc, cm, deep, deepM,
		map[int]string{1: s}, map[bool]int{true: 1}, map[float64]string{math.NaN(): s},
		map[any]any{1: s, "k": s}, map[[2]int]string{{1, 2}: s},
		make(chan int), func() {}, math.NaN(), math.Inf(1), map[string]any{"n": math.NaN()},
		map[string]float64{"i": math.Inf(-1)}, json.RawMessage(s), json.RawMessage("{bad"),
		&zzMarsh{}, url.Values{"a": {s, ""}, "": {s}}, []byte(s), nilSlice, nilMap, nilReader, nilBuf, nilValues,
		encoders.File{Name: s}, &encoders.File{Name: s}, map[string]any{"f": encoders.File{Name: s}},
		map[string]any{"f": &encoders.File{Name: s, Reader: nil}}, []any{encoders.File{}},
		strings.NewReader(s), s, 42, true, -0.0, complex(1, 2), struct{ C chan int }{make(chan int)},
		struct {
			F func() `json:"f"`
		}{}, []string{s}, [3]int{}, time.Time{}, &time.Time{}, zzPanicStringer{},
		map[string]any{"a": []any{nil, map[string]any{"b": math.NaN()}}}, struct{ unexported int }{1},
		uintptr(7), new(any), map[string]*int{"x": nil}, map[string][]byte{"b": []byte(s)},
		map[string]io.Reader{"r": nil}, map[string]any{"ch": make(chan int)},
	}
	return values[int(sel)%len(values)]
}

func zzServer(t testing.TB) (*httptest.Server, *http.Transport) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		switch r.URL.Query().Get("kind") {
		case "jsonp":
			cb := r.URL.Query().Get("callback")
			w.Write([]byte(cb + "({\"v\":1});"))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"v":"1","n":1e999,"s":[1,2,{"x":null}]}`))
	}))
	addr := srv.Listener.Addr().String()
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr) // every host is the loopback server
	}}
	t.Cleanup(func() { tr.CloseIdleConnections(); srv.Close() })
	return srv, tr
}

func FuzzOption(f *testing.F) {
	f.Add("/x?kind=jsonp", "get", "X-A", "v", uint8(0), "s", "json", "text", int64(0), 0, "/b", false, "", "v", "1", "", "", "", false)
	f.Add("http://[fe80::1%25eth0]:1/x", "POST", "Content-Type", "multipart/form-data", uint8(29), "x", "", "arraybuffer", int64(-1), -5, "::", true, "cb", "", "", "reload", "cors", "include", true)
	f.Add("http://u:p@h/x\x00", "P OST", "", "a\r\nb", uint8(3), "", "xml", "blob", int64(1<<62), 1<<40, "%zz", true, "a b", "k", "", "bogus", "bogus", "bogus", false)
	f.Add("  \t/x\n?y=1#f", "", "Content-Type", "application/x-www-form-urlencoded", uint8(8), "{", "json", "", int64(5e6), 2, "", false, "?", "", "", "only-if-cached", "no-cors", "same-origin", false)
	f.Fuzz(func(t *testing.T, u, method, hk, hv string, sel uint8, s, dt, rt string, timeout int64, retry int,
		backup string, jsonp bool, cb, key, sign, cache, mode, cred string, useStore bool) {
		srv, tr := zzServer(t)
		c := client.New(client.WithBaseURL(srv.URL), client.WithTransport(tr))
		if retry > 3 {
			retry = 3 // keep it quick; huge values are in the table test
		}
		to := time.Duration(timeout)
		if to > time.Second {
			to = time.Second
		}
		h := http.Header{}
		if hk != "" || hv != "" {
			h[hk] = []string{hv}
			h.Add(strings.ToLower(hk), hv+"2")
		}
		var backups []string
		if backup != "" {
			backups = strings.Split(backup, ",")
		}
		opt := client.Option{URL: u, Method: method, Header: h, Data: zzData(sel, s), DataType: dt, ResponseType: rt,
			Timeout: to, RetryTimes: retry, Backup: backups, JSONP: jsonp, JSONPCallback: cb, UseStore: useStore,
			StoreCheckKey: key, StoreSign: sign, Cache: cache, Mode: mode, Credentials: cred}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		resp, err := c.Request(ctx, opt)
		zzCheck(t, resp, err)
		r2, err := client.Do[map[string]any](ctx, c, opt)
		if r2 == nil {
			t.Fatal("Do: nil result")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error text")
		}
	})
}

func zzCheck(t *testing.T, resp *client.Response, err error) {
	t.Helper()
	if resp == nil {
		t.Fatal("nil response")
	}
	if err != nil {
		var ce *client.Error
		if !errors.As(err, &ce) {
			t.Fatalf("error is %T, not *client.Error: %v", err, err)
		}
		if err.Error() == "" {
			t.Fatal("empty error text")
		}
		if !strings.HasPrefix(resp.ErrMsg, "request:fail") {
			t.Fatalf("ErrMsg %q with err %v", resp.ErrMsg, err)
		}
	}
}
