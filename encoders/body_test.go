package encoders

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func readAll(t *testing.T, rc io.ReadCloser) string {
	t.Helper()
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestEncodeBodyEncoded(t *testing.T) {
	type payload struct {
		B    string `json:"b"`
		A    int    `json:"a"`
		Skip bool   `json:"-"`
	}
	tests := []struct {
		name, contentType string
		data              any
		want, wantCT      string
	}{
		{"json default, no html escape", "", map[string]any{"html": "<a&b>", "n": 1}, `{"html":"<a&b>","n":1}`, "application/json"},
		{"json struct order", "", payload{B: "x", A: 2}, `{"b":"x","a":2}`, "application/json"},
		{"json pointer to struct", "", &payload{B: "y"}, `{"b":"y","a":0}`, "application/json"},
		{"json slice", "", []int{1, 2}, `[1,2]`, "application/json"},
		{"json bool", "", true, `true`, "application/json"},
		{"json number", "", 1.5, `1.5`, "application/json"},
		{"json explicit keeps header", "application/json; charset=utf-8", map[string]int{"a": 1}, `{"a":1}`, ""},
		{"json case-insensitive", "Application/JSON", map[string]int{"a": 1}, `{"a":1}`, ""},
		{"+json suffix", "application/vnd.api+json", map[string]int{"a": 1}, `{"a":1}`, ""},
		{"form", "application/x-www-form-urlencoded", map[string]any{"a": 1, "b": "x y"}, "a=1&b=x%20y", ""},
		{"form url.Values", "application/x-www-form-urlencoded; charset=UTF-8", url.Values{"k": {"1", "2"}}, "k=1&k=2", ""},
		{"string as is", "", "a&b <c>", "a&b <c>", ""},
		{"string any content type", "application/x-yaml", "a: 1", "a: 1", ""},
		{"raw json bytes", "", []byte(`{"raw":true}`), `{"raw":true}`, ""},
	}
	r := NewRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := r.EncodeBody(tt.data, tt.contentType, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b.Bytes()); got != tt.want {
				t.Errorf("body = %q, want %q", got, tt.want)
			}
			if b.ContentType != tt.wantCT {
				t.Errorf("ContentType = %q, want %q", b.ContentType, tt.wantCT)
			}
			if !b.Replayable() || b.Len() != int64(len(tt.want)) {
				t.Errorf("Replayable = %v, Len = %d", b.Replayable(), b.Len())
			}
			if got := readAll(t, b.Reader()); got != tt.want {
				t.Errorf("Reader gives %q", got)
			}
		})
	}
}

func TestEncodeBodyNil(t *testing.T) {
	r := NewRegistry()
	for _, data := range []any{nil, (*struct{})(nil), (*map[string]int)(nil), map[string]any(nil), []int(nil), []byte(nil),
		(*bytes.Buffer)(nil), (*strings.Reader)(nil), (*bytes.Reader)(nil)} { // nil readers: no body, no panic
		b, err := r.EncodeBody(data, "", 0)
		if b != nil || err != nil {
			t.Errorf("EncodeBody(%#v) = %v, %v; want nil, nil", data, b, err)
		}
	}
	// A nil *Body is an empty replayable body.
	var b *Body
	if b.Len() != 0 || !b.Replayable() || b.Bytes() != nil || readAll(t, b.Reader()) != "" {
		t.Error("nil *Body is not empty")
	}
	rc, err := b.GetBody()()
	if err != nil || readAll(t, rc) != "" {
		t.Error("nil *Body GetBody is not empty")
	}
}

func TestEncodeBodyBytesNotCopied(t *testing.T) {
	data := []byte("payload")
	b, err := NewRegistry().EncodeBody(data, "application/octet-stream", 0)
	if err != nil {
		t.Fatal(err)
	}
	if &b.Bytes()[0] != &data[0] {
		t.Error("[]byte data was copied")
	}
}

// A number or a bool sent as a form or text/plain body is its JavaScript
// text, as fetch sends String(data) for what is no object (Taro's H5).
func TestEncodeBodyScalarAsText(t *testing.T) {
	type score float32
	r := NewRegistry()
	for _, tt := range []struct {
		contentType string
		data        any
		want        string
	}{
		{"application/x-www-form-urlencoded", 42, "42"},
		{"application/x-www-form-urlencoded; charset=UTF-8", true, "true"},
		{"text/plain", 1.5, "1.5"},
		{"text/plain", uint8(7), "7"},
		{"text/plain", score(0.1), "0.1"},
		{"text/plain", 1e21, "1e+21"},
		{"text/plain;charset=utf-8", false, "false"},
		{"application/json", 42, "42"},
	} {
		b, err := r.EncodeBody(tt.data, tt.contentType, 0)
		if err != nil || string(b.Bytes()) != tt.want {
			t.Errorf("%s %T %v: %v, %v; want %q", tt.contentType, tt.data, tt.data, b, err, tt.want)
		}
	}
}

func TestEncodeBodyErrors(t *testing.T) {
	loop := map[string]any{}
	loop["self"] = loop
	type cyclic map[string]any
	named := cyclic{}
	named["self"] = named
	type node struct{ Next *node }
	n := &node{}
	n.Next = n
	tests := []struct {
		name, contentType string
		data              any
		want              error
		contains          string
	}{
		{"unknown content type", "application/x-yaml; charset=utf-8", map[string]int{"a": 1}, ErrUnsupportedContentType, "application/x-yaml"},
		{"chan", "", make(chan int), ErrUnencodable, "chan int"},
		{"func", "", func() {}, ErrUnencodable, "func()"},
		{"complex", "", complex(1, 2), ErrUnencodable, "complex128"},
		{"func in map", "", map[string]any{"f": func() {}}, ErrUnencodable, "func()"},
		{"cyclic map", "", loop, ErrUnencodable, "cycle"},
		{"cyclic named map", "", named, ErrUnencodable, "cycle"},
		{"cyclic pointers", "", n, ErrUnencodable, "cycle"},
		{"cyclic form", "application/x-www-form-urlencoded", loop, ErrUnencodable, "cycle"},
		{"text/plain map", "text/plain", map[string]int{"a": 1}, ErrUnencodable, "text/plain"},
		{"form of a chan", "application/x-www-form-urlencoded", make(chan int), ErrUnencodable, "chan int"},
	}
	r := NewRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := r.EncodeBody(tt.data, tt.contentType, 0)
			if !errors.Is(err, tt.want) {
				t.Fatalf("EncodeBody = %v, %v; want an error wrapping %v", b, err, tt.want)
			}
			if b != nil {
				t.Errorf("body %v with an error", b)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not mention %q", err, tt.contains)
			}
		})
	}
}

// closeCounter is an io.ReadCloser that counts its Close calls.
type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestEncodeBodyReaderBuffered(t *testing.T) {
	for _, size := range []int{0, 5, 8} { // 8 is exactly the bound
		src := &closeCounter{Reader: strings.NewReader(strings.Repeat("x", size))}
		b, err := NewRegistry().EncodeBody(src, "", 8)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Replayable() || b.Len() != int64(size) || b.ContentType != "" {
			t.Errorf("size %d: Replayable = %v, Len = %d, ContentType = %q", size, b.Replayable(), b.Len(), b.ContentType)
		}
		if src.closed != 1 {
			t.Errorf("size %d: reader closed %d times, want 1", size, src.closed)
		}
		get := b.GetBody()
		if get == nil {
			t.Fatalf("size %d: GetBody is nil", size)
		}
		want := strings.Repeat("x", size)
		for i := 0; i < 2; i++ {
			rc, err := get()
			if err != nil {
				t.Fatal(err)
			}
			if got := readAll(t, rc); got != want {
				t.Errorf("size %d: GetBody #%d gives %q", size, i, got)
			}
		}
		if got := readAll(t, b.Reader()); got != want {
			t.Errorf("size %d: Reader gives %q", size, got)
		}
	}
}

func TestEncodeBodyReaderDefaultBound(t *testing.T) {
	data := bytes.Repeat([]byte("y"), 1<<20)
	b, err := NewRegistry().EncodeBody(bytes.NewReader(data), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Replayable() || !bytes.Equal(b.Bytes(), data) {
		t.Errorf("1 MiB reader with the default bound: Replayable = %v, Len = %d", b.Replayable(), b.Len())
	}
}

func TestEncodeBodyReaderStream(t *testing.T) {
	want := "0123456789abcdefghij"
	src := &closeCounter{Reader: strings.NewReader(want)}
	b, err := NewRegistry().EncodeBody(src, "", 8)
	if err != nil {
		t.Fatal(err)
	}
	if b.Replayable() || b.Len() != -1 || b.GetBody() != nil || b.Bytes() != nil {
		t.Errorf("stream: Replayable = %v, Len = %d, GetBody nil = %v", b.Replayable(), b.Len(), b.GetBody() == nil)
	}
	if src.closed != 0 {
		t.Error("stream closed before it was read")
	}
	if got := readAll(t, b.Reader()); got != want { // readAll closes
		t.Errorf("stream gives %q, want %q", got, want)
	}
	if src.closed != 1 {
		t.Errorf("source closed %d times, want 1", src.closed)
	}
	if _, err := io.ReadAll(b.Reader()); !errors.Is(err, ErrNotReplayable) {
		t.Errorf("second Reader: err = %v, want ErrNotReplayable", err)
	}
}

type failingReader struct{ closed bool }

func (f *failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }
func (f *failingReader) Close() error             { f.closed = true; return nil }

func TestEncodeBodyReaderError(t *testing.T) {
	src := &failingReader{}
	b, err := NewRegistry().EncodeBody(src, "", 0)
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("EncodeBody = %v, %v; want the read error", b, err)
	}
	if !src.closed {
		t.Error("reader not closed after a read error")
	}
}

func TestRegistryUserEncoder(t *testing.T) {
	type item struct {
		XMLName xml.Name `xml:"item"`
		ID      int      `xml:"id,attr"`
		Name    string   `xml:"name"`
	}
	r := NewRegistry()
	r.Register("Application/XML; charset=utf-8", EncoderFunc(func(data any, ct string) ([]byte, string, error) {
		if ct != "application/xml; charset=UTF-8" {
			t.Errorf("encoder got content type %q", ct)
		}
		b, err := xml.Marshal(data)
		return b, "", err
	}))
	if _, ok := r.Lookup("application/xml"); !ok {
		t.Fatal("Lookup after Register with params and upper case failed")
	}
	b, err := r.EncodeBody(item{ID: 7, Name: "a&b"}, "application/xml; charset=UTF-8", 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<item id="7"><name>a&amp;b</name></item>`; string(b.Bytes()) != want || b.ContentType != "" {
		t.Errorf("body %q (ContentType %q), want %q", b.Bytes(), b.ContentType, want)
	}
}

func TestRegistryCloneAndRemove(t *testing.T) {
	r := NewRegistry()
	c := r.Clone()
	c.Register("application/json", EncoderFunc(func(any, string) ([]byte, string, error) {
		return []byte("custom"), "application/custom+json", nil
	}))
	c.Register("text/plain", nil)
	b, err := c.EncodeBody(map[string]int{}, "", 0)
	if err != nil || string(b.Bytes()) != "custom" || b.ContentType != "application/custom+json" {
		t.Errorf("clone: %v, %v", b, err)
	}
	if _, ok := c.Lookup("text/plain"); ok {
		t.Error("text/plain still registered in the clone after removal")
	}
	b, err = r.EncodeBody(map[string]int{}, "", 0)
	if err != nil || string(b.Bytes()) != "{}" {
		t.Errorf("original changed by its clone: %q, %v", b.Bytes(), err)
	}
	if _, ok := r.Lookup("text/plain"); !ok {
		t.Error("original lost text/plain")
	}
	var zero Registry
	zero.Register("a/b", JSONEncoder{})
	if _, ok := zero.Lookup("A/B"); !ok {
		t.Error("zero Registry: Register then Lookup failed")
	}
}

func TestMediaType(t *testing.T) {
	for in, want := range map[string]string{
		"application/json":                 "application/json",
		"Application/JSON; Charset=UTF-8":  "application/json",
		" text/plain ;":                    "text/plain",
		"multipart/form-data; boundary=\"": "multipart/form-data",
		"":                                 "",
	} {
		if got := MediaType(in); got != want {
			t.Errorf("MediaType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRegistryConcurrent(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if j%50 == 0 {
					r.Register("application/x-test", JSONEncoder{})
					_ = r.Clone()
				}
				b, err := r.EncodeBody(map[string]int{"j": j}, "", 0)
				if err != nil || b.Len() == 0 {
					t.Error(err)
					return
				}
				if _, ok := r.Lookup("application/x-test"); !ok && j >= 50 {
					t.Error("lost registration")
					return
				}
			}
		}()
	}
	wg.Wait()
}
