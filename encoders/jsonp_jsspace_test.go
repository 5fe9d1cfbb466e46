package encoders_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// A browser runs a JSONP script as JavaScript, whose white space is more
// than JSON's: a no-break space, U+2028 or an ideographic space between the
// parenthesis and the data, or between the data's tokens, is skipped as a
// space is, and the callback gets the data (Taro's jsonp-retry resolves with
// it). json.Valid alone refused them (taro-diff's raw ed-jsonp-u2028-ws and
// ed-jsonp-nbsp-ws). U+0085, white space to Go's unicode.IsSpace, is none to
// JavaScript: a script with it around the call or its data throws, and no
// callback is called.
func TestUnwrapJSONPJavaScriptSpaceInsideTheCall(t *testing.T) {
	for _, body := range []string{
		"cb(\u2028{\"a\":1});",
		"cb(\u00a0{\"a\":1})",
		"cb({\u00a0\"a\"\u3000:\u20091}\u2029)",
		"cb\u00a0({\"a\":1},\ufeff2)",
		"cb({\"a\":1}\u00a0,\u00a02)",
		"\ufeff\ufeffcb({\"a\":1})",
		"typeof\u00a0cb === 'function' && cb({\"a\":1});",
		"cb({\"a\":1})\ufeff;",
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		var v map[string]any
		if err != nil || json.Unmarshal(got, &v) != nil || v["a"] != 1.0 || len(v) != 1 {
			t.Errorf("%q: %q, %v", body, got, err)
		}
	}
	// Inside a string, a no-break space is the data's.
	got, err := encoders.UnwrapJSONP([]byte("cb(\u00a0{\"a\":\"\u00a0x\"})"), "cb")
	if err != nil || !bytes.Equal(got, []byte("{\"a\":\"\u00a0x\"}")) {
		t.Errorf("string's no-break space: %q, %v", got, err)
	}
	for _, body := range []string{
		"cb(\u0085{\"a\":1})",
		"cb({\"a\":1})\u0085",
		"\u0085cb({\"a\":1})",
		"cb({\"a\":1},\u00a0evil)",
		"cb(\u00a0evil)",
	} {
		if got, err := encoders.UnwrapJSONP([]byte(body), "cb"); err == nil {
			t.Errorf("%q passed: %q", body, got)
		}
	}
}

// A script calling the callback as a property of the page's global object,
// window.cb(...), calls the same function a browser's cb(...) does:
// jsonp-retry resolves with its data (taro-diff raw ed-jsonp-window-call).
// Another object's property of that name is no call of the callback.
func TestUnwrapJSONPWindowCall(t *testing.T) {
	for _, body := range []string{
		`window.cb({"a":1});`,
		"/**/ window.cb\u00a0({\"a\":1})",
		`typeof cb === 'function' && window.cb({"a":1});`,
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		if err != nil || string(got) != `{"a":1}` {
			t.Errorf("%q: %q, %v", body, got, err)
		}
	}
	for _, body := range []string{
		`other.cb({"a":1})`,
		`window.cbx({"a":1})`,
		`window..cb({"a":1})`,
		`window.window.cb({"a":1})`,
		`windowcb({"a":1})`,
	} {
		if got, err := encoders.UnwrapJSONP([]byte(body), "cb"); err == nil {
			t.Errorf("%q passed: %q", body, got)
		}
	}
	if got, err := encoders.UnwrapJSONP([]byte(`window.ns.cb({"a":1})`), "window.ns.cb"); err != nil || string(got) != `{"a":1}` {
		t.Errorf("a name that starts with window.: %q, %v", got, err)
	}
}

// A script that calls the callback again after the first call (a server
// writing the answer twice) runs both calls in a browser, but jsonp-retry
// has made the function a no-op once the first answered: Taro resolves
// with the first call's data (taro-diff raw ed-jsonp-two-calls). Other code
// after the call, or two calls with nothing to end the first statement, is
// still refused.
func TestUnwrapJSONPLaterCallsOfTheCallback(t *testing.T) {
	for _, body := range []string{
		`cb({"a":1});cb({"a":2});`,
		"cb({\"a\":1})\ncb({\"a\":2})",
		"cb({\"a\":1}) /* x\n */ cb(3)",
		`cb({"a":1}); /* x */ window.cb([2]);;`,
		`cb({"a":1}); typeof cb === 'function' && cb(null, 2);`,
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), "cb")
		if err != nil || string(got) != `{"a":1}` {
			t.Errorf("%q: %q, %v", body, got, err)
		}
	}
	for _, body := range []string{
		`cb({"a":1})cb({"a":2})`,
		`cb({"a":1}) /* x */ cb({"a":2})`,
		`cb({"a":1});other({"a":2})`,
		`cb({"a":1});cb(evil)`,
		`cb({"a":1});cb({"a":2}) + x`,
		`cb({"a":1});cb(`,
	} {
		if got, err := encoders.UnwrapJSONP([]byte(body), "cb"); err == nil {
			t.Errorf("%q passed: %q", body, got)
		}
	}
}
