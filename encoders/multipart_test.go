package encoders

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"
)

func TestMultipartExactBytes(t *testing.T) {
	data := map[string]any{
		"title": "hi there & <b>",
		"n":     3,
		"nil":   nil,
		"obj":   map[string]any{"a": 1},
		"file":  File{Name: "a.txt", ContentType: "text/plain", Reader: strings.NewReader("file body")},
	}
	body, ct, err := Multipart{Boundary: "BOUNDARY"}.Encode(data, "multipart/form-data")
	if err != nil {
		t.Fatal(err)
	}
	if ct != "multipart/form-data; boundary=BOUNDARY" {
		t.Errorf("content type = %q", ct)
	}
	want := "--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n" +
		"Content-Type: text/plain\r\n\r\n" +
		"file body\r\n" +
		"--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"n\"\r\n\r\n" +
		"3\r\n" +
		"--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"obj\"\r\n\r\n" +
		"{\"a\":1}\r\n" +
		"--BOUNDARY\r\n" +
		"Content-Disposition: form-data; name=\"title\"\r\n\r\n" +
		"hi there & <b>\r\n" +
		"--BOUNDARY--\r\n"
	if string(body) != want {
		t.Errorf("body =\n%q\nwant\n%q", body, want)
	}

	// Parse it back.
	form, err := multipart.NewReader(bytes.NewReader(body), "BOUNDARY").ReadForm(1 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer form.RemoveAll()
	for k, v := range map[string]string{"title": "hi there & <b>", "n": "3", "obj": `{"a":1}`} {
		if got := form.Value[k]; len(got) != 1 || got[0] != v {
			t.Errorf("field %q = %q, want %q", k, got, v)
		}
	}
	if _, ok := form.Value["nil"]; ok {
		t.Error("nil value was sent")
	}
	fhs := form.File["file"]
	if len(fhs) != 1 || fhs[0].Filename != "a.txt" || fhs[0].Header.Get("Content-Type") != "text/plain" {
		t.Fatalf("file part = %+v", fhs)
	}
	f, err := fhs[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := io.ReadAll(f); string(got) != "file body" {
		t.Errorf("file content = %q", got)
	}
}

func TestMultipartStructAndDefaults(t *testing.T) {
	type upload struct {
		Zed   string  `json:"zed"`
		Files []File  `json:"files"`
		Doc   *File   `json:"doc"`
		None  *File   `json:"none"`
		Skip  string  `json:"skip,omitempty"`
		Ratio float64 `json:"ratio"`
	}
	data := &upload{
		Zed: "z",
		Files: []File{
			{Name: "1.bin", Reader: strings.NewReader("one")},
			{Name: `q"uote.txt`, ContentType: "text/plain"},
		},
		Doc:   &File{Name: "d.json", ContentType: "application/json", Reader: strings.NewReader("{}")},
		Ratio: 0.5,
	}
	body, ct, err := Multipart{Boundary: "b0"}.Encode(data, "multipart/form-data")
	if err != nil {
		t.Fatal(err)
	}
	if ct != "multipart/form-data; boundary=b0" {
		t.Errorf("content type = %q", ct)
	}
	want := "--b0\r\n" +
		"Content-Disposition: form-data; name=\"zed\"\r\n\r\n" +
		"z\r\n" +
		"--b0\r\n" +
		"Content-Disposition: form-data; name=\"files\"; filename=\"1.bin\"\r\n" +
		"Content-Type: application/octet-stream\r\n\r\n" +
		"one\r\n" +
		"--b0\r\n" +
		"Content-Disposition: form-data; name=\"files\"; filename=\"q\\\"uote.txt\"\r\n" +
		"Content-Type: text/plain\r\n\r\n" +
		"\r\n" +
		"--b0\r\n" +
		"Content-Disposition: form-data; name=\"doc\"; filename=\"d.json\"\r\n" +
		"Content-Type: application/json\r\n\r\n" +
		"{}\r\n" +
		"--b0\r\n" +
		"Content-Disposition: form-data; name=\"ratio\"\r\n\r\n" +
		"0.5\r\n" +
		"--b0--\r\n"
	if string(body) != want {
		t.Errorf("body =\n%q\nwant\n%q", body, want)
	}
}

func TestMultipartBoundarySources(t *testing.T) {
	data := map[string]string{"a": "1"}
	// From the request's content type.
	_, ct, err := Multipart{}.Encode(data, `multipart/form-data; boundary="from-header"`)
	if err != nil || ct != "multipart/form-data; boundary=from-header" {
		t.Errorf("boundary from header: %q, %v", ct, err)
	}
	// Random, through the registry; parse it back.
	b, err := NewRegistry().EncodeBody(data, "multipart/form-data", 0)
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(b.ContentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("ContentType = %q (%v)", b.ContentType, err)
	}
	form, err := multipart.NewReader(bytes.NewReader(b.Bytes()), params["boundary"]).ReadForm(1 << 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := form.Value["a"]; len(got) != 1 || got[0] != "1" {
		t.Errorf("a = %q", got)
	}
	// An invalid boundary.
	if _, _, err := (Multipart{Boundary: "bad boundary "}).Encode(data, ""); !errors.Is(err, ErrUnencodable) {
		t.Errorf("invalid boundary: err = %v", err)
	}
}

func TestMultipartErrors(t *testing.T) {
	big := map[string]any{"f": File{Name: "big", Reader: strings.NewReader(strings.Repeat("x", 11))}}
	if _, _, err := (Multipart{MaxFileBytes: 10}).Encode(big, ""); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("file over MaxFileBytes: err = %v, want ErrBodyTooLarge", err)
	}
	fits := map[string]any{"f": File{Name: "ok", Reader: strings.NewReader(strings.Repeat("x", 10))}}
	if _, _, err := (Multipart{MaxFileBytes: 10}).Encode(fits, ""); err != nil {
		t.Errorf("file at MaxFileBytes: %v", err)
	}
	if _, _, err := (Multipart{}).Encode([]int{1}, ""); !errors.Is(err, ErrUnencodable) {
		t.Errorf("slice data: err = %v", err)
	}
	if _, _, err := (Multipart{}).Encode(map[string]any{"f": func() {}}, ""); !errors.Is(err, ErrUnencodable) {
		t.Errorf("func value: err = %v", err)
	}
}

// A control character in a part header value would let data choose the
// part's headers (CR/LF) or cut a file name short (NUL): it is refused,
// before anything is read.
func TestMultipartRejectsControlCharacters(t *testing.T) {
	file := func(name, ct string) File {
		return File{Name: name, ContentType: ct, Reader: strings.NewReader("x")}
	}
	for _, tc := range []struct {
		name string
		data map[string]any
	}{
		{"CRLF in content type", map[string]any{"f": file("a.txt", "text/plain\r\nX-Injected: 1")}},
		{"LF in content type", map[string]any{"f": file("a.txt", "text/plain\nX-Injected: 1")}},
		{"CR in content type", map[string]any{"f": file("a.txt", "text/plain\rX")}},
		{"NUL in content type", map[string]any{"f": file("a.txt", "text/plain\x00")}},
		{"DEL in content type", map[string]any{"f": file("a.txt", "text/\x7fplain")}},
		{"content type in a slice of files", map[string]any{"f": []File{file("a", "text/plain"), file("b", "a\r\nb: c")}}},
		{"NUL in file name", map[string]any{"f": file("evil.php\x00.jpg", "image/jpeg")}},
		{"CRLF in file name", map[string]any{"f": file("a\r\nX-Injected: 1", "")}},
		{"CRLF in a file's field name", map[string]any{"f\r\nX-Injected: 1": file("a", "")}},
		{"CRLF in a text field name", map[string]any{"t\r\nX-Injected: 1": "v"}},
		{"ESC in a text field name", map[string]any{"t\x1b[0m": "v"}},
	} {
		body, _, err := Multipart{Boundary: "B"}.Encode(tc.data, "")
		if !errors.Is(err, ErrUnencodable) || !strings.Contains(err.Error(), "control character") {
			t.Errorf("%s: err = %v, body %q; want ErrUnencodable naming the control character", tc.name, err, body)
		}
	}
	// A tab, quotes and backslashes are fine: allowed, or escaped.
	data := map[string]any{"f\t\"\\": file("a \"b\"\\.txt", "text/plain;\tcharset=utf-8")}
	body, _, err := Multipart{Boundary: "B"}.Encode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "--B\r\nContent-Disposition: form-data; name=\"f\t\\\"\\\\\"; filename=\"a \\\"b\\\"\\\\.txt\"\r\n" +
		"Content-Type: text/plain;\tcharset=utf-8\r\n\r\nx\r\n--B--\r\n"
	if string(body) != want {
		t.Errorf("body =\n%q\nwant\n%q", body, want)
	}
}

// A File whose Reader is a nil pointer is an empty file, as a nil Reader
// is: no panic.
func TestMultipartNilPointerReader(t *testing.T) {
	data := map[string]any{"f": File{Name: "a.txt", Reader: (*bytes.Buffer)(nil)}}
	b, err := NewRegistry().EncodeBody(data, "multipart/form-data", 0)
	if err != nil {
		t.Fatal(err)
	}
	_, params, _ := mime.ParseMediaType(b.ContentType)
	part, err := multipart.NewReader(bytes.NewReader(b.Bytes()), params["boundary"]).NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(part); part.FileName() != "a.txt" || len(got) != 0 {
		t.Errorf("file %q with %q", part.FileName(), got)
	}
}
