package encoders_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// A browser takes an answer's MIME type as Fetch's "extract a MIME type"
// does: every Content-Type line, each split on commas outside quotes, the
// last value that parses as a MIME type ("*/*" skipped) winning, and only
// type/subtype must parse (a parameter it cannot read is ignored). A
// script is blocked by that type, not by the last line's text as Go's
// mime.ParseMediaType reads it.
func TestCheckJSONPAnswerTakesTheTypeAsFetchExtractsIt(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		nosniff bool
		blocked bool
	}{
		{"image line, then one that is no type", []string{"image/png", "garbage"}, false, true},
		{"image after a comma", []string{"text/javascript, image/png"}, false, true},
		{"image with a repeated parameter", []string{"image/png; a=1; a=2"}, false, true},
		{"video with a parameter without value", []string{"video/mp4; codecs"}, false, true},
		{"script, then */*, under nosniff", []string{"text/javascript", "*/*"}, true, false},
		{"script, then no type, under nosniff", []string{"text/javascript", "nonsense"}, true, false},
		{"script with a quoted comma, under nosniff", []string{`text/javascript; charset="a,b"`}, true, false},
		{"script after an image, under nosniff", []string{"image/png, text/javascript"}, true, false},
		{"image after a script", []string{"text/javascript", "IMAGE/GIF ; x=1"}, false, true},
		{"no type at all, under nosniff", []string{"*/*", "garbage"}, true, true},
		{"no type at all", []string{"*/*", "garbage"}, false, false},
		{"space inside the type", []string{"image /png"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"Content-Type": tt.lines}
			if tt.nosniff {
				h.Set("X-Content-Type-Options", "nosniff")
			}
			data, err := encoders.CheckJSONPAnswer(200, h, []byte(`cb({"a":1});`), "cb")
			if tt.blocked != errors.Is(err, encoders.ErrJSONP) || !tt.blocked && data == nil {
				t.Errorf("Content-Type %q (nosniff %v): data %s, err %v; blocked by a browser: %v", tt.lines, tt.nosniff, data, err, tt.blocked)
			}
		})
	}
}
