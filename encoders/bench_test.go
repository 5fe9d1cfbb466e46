package encoders

import "testing"

func BenchmarkQuerySmallMap(b *testing.B) {
	data := map[string]any{"q": "go lang", "page": 2, "debug": true, "tag": "a&b"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Query(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueryStringMap(b *testing.B) {
	data := map[string]string{"q": "go lang", "page": "2", "debug": "true", "tag": "a&b"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Query(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueryStruct(b *testing.B) {
	type params struct {
		Q     string `json:"q"`
		Page  int    `json:"page"`
		Debug bool   `json:"debug,omitempty"`
		Tag   string `json:"tag"`
	}
	data := params{"go lang", 2, true, "a&b"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Query(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeBodyJSON(b *testing.B) {
	r := NewRegistry()
	data := map[string]any{"name": "taro", "tags": []string{"a", "b"}, "n": 42, "html": "<a&b>"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.EncodeBody(data, "", 0); err != nil {
			b.Fatal(err)
		}
	}
}
