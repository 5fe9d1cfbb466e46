package encoders_test

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// Any field names, values, file name, file type and request Content-Type:
// the multipart encoder refuses with ErrUnencodable (or
// ErrUnsupportedContentType for a type that is no multipart one), or makes
// a body whose Content-Type is one header value and whose parts, read back
// by mime/multipart, are exactly the fields given: no part or part header
// more, none lost.
func FuzzMultipartRoundTrip(f *testing.F) {
	f.Add("multipart/form-data", "a", "1", "b", "x\r\ny", "f.txt", "text/plain", "content")
	f.Add("multipart/form-data; boundary=abc", "a\"", "--abc", "b\\", "v", "n\"\r\nX: 1", "", "--abc--")
	f.Add("MULTIPART/FORM-DATA; BOUNDARY=\"q q\"", "é", "\xff", "", "", "", "x\ry", "")
	reg := encoders.NewRegistry()
	f.Fuzz(func(t *testing.T, ct, k1, v1, k2, v2, fname, ftype, content string) {
		data := map[string]any{k1: v1, k2: v2, "file": encoders.File{Name: fname, ContentType: ftype, Reader: strings.NewReader(content)}}
		want := map[string]string{k1: v1, k2: v2}
		if k1 == k2 || k1 == "file" || k2 == "file" {
			return // one key, the map's last value: not what this checks
		}
		body, err := reg.EncodeBody(data, ct, 1<<20)
		if err != nil {
			if !errors.Is(err, encoders.ErrUnencodable) && !errors.Is(err, encoders.ErrUnsupportedContentType) {
				t.Fatalf("err = %v, matches no sentinel", err)
			}
			return
		}
		sent := body.ContentType
		if sent == "" {
			sent = ct
		}
		for i := 0; i < len(sent); i++ {
			if b := sent[i]; b < ' ' && b != '\t' || b == 0x7f {
				t.Fatalf("Content-Type %q holds a control byte", sent)
			}
		}
		mt, params, err := mime.ParseMediaType(sent)
		if err != nil || mt != "multipart/form-data" {
			t.Fatalf("Content-Type %q: %q, %v", sent, mt, err)
		}
		r := multipart.NewReader(strings.NewReader(string(body.Bytes())), params["boundary"])
		got, files := map[string]string{}, 0
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("reading the body back: %v\n%q", err, body.Bytes())
			}
			if len(p.Header) > 2 {
				t.Fatalf("part header with %d fields: %q", len(p.Header), p.Header)
			}
			b, _ := io.ReadAll(p)
			if p.FormName() == "file" {
				files++
				if string(b) != content {
					t.Fatalf("file content %q, want %q", b, content)
				}
				continue
			}
			if _, dup := got[p.FormName()]; dup {
				t.Fatalf("field %q twice", p.FormName())
			}
			got[p.FormName()] = string(b)
		}
		if files != 1 {
			t.Fatalf("%d file parts, want 1\n%q", files, body.Bytes())
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("field %q = %q, want %q (all: %q)\n%q", k, got[k], v, got, body.Bytes())
			}
		}
		if len(got) != len(want) {
			t.Fatalf("fields %q, want %q", got, want)
		}
	})
}
