package encoders_test

import (
	"errors"
	"testing"

	"github.com/taroreq/taroreq/encoders"
)

// The forms servers write a JSONP call in: Express's res.jsonp, a comment
// first, a trailing semicolon or source map comment, more arguments than the
// data (the callback reads the first). Anything but a call of the expected
// name, more code above all, stays refused.
func TestUnwrapJSONPForms(t *testing.T) {
	const name = "cb"
	for body, want := range map[string]string{
		`cb({"a":1})`:       `{"a":1}`,
		` cb({"a":1}); `:    `{"a":1}`,
		`/**/ cb({"a":1});`: `{"a":1}`,
		`/**/ typeof cb === 'function' && cb({"a":1});`:        `{"a":1}`,
		`typeof cb==="function"&&cb({"a":1})`:                  `{"a":1}`,
		"/**/\ntypeof  cb  ===  'function'  &&\n cb([1,2]);\n": `[1,2]`,
		`cb({"a":")"})`:       `{"a":")"}`,
		`cb("),evil(\"(")`:    `"),evil(\"("`,
		`/* x */ cb({"a":1})`: `{"a":1}`,
		`cb({"a":1});;`:       `{"a":1}`,
		"// JSONP\ncb(1);\n//# sourceMappingURL=cb.js.map\n": `1`,
		`cb({"a":1}) // done`:                                `{"a":1}`,
		`cb({"a":1}, 2)`:                                     `{"a":1}`,
		`cb([1,{"b":[2,3]}], {"c":4})`:                       `[1,{"b":[2,3]}]`,
		`cb("a,b\",c", 2)`:                                   `"a,b\",c"`,
	} {
		got, err := encoders.UnwrapJSONP([]byte(body), name)
		if err != nil || string(got) != want {
			t.Errorf("%q: %q, %v; want %q", body, got, err, want)
		}
	}
	for _, body := range []string{
		`/**/ typeof evil === 'function' && cb({"a":1});`, // another name in the guard
		`/**/ typeof cb === 'function' && evil({"a":1});`, // another call
		`typeof cb === 'function' || cb({"a":1})`,         // not the guard
		`typeofcb === 'function' && cb({"a":1})`,
		`/**/ other({"a":1});`,
		`cb({"a":1}); evil()`, // extra code after the call
		`cb({"a":1}); evil();`,
		`/**/ typeof cb === 'function' && cb({"a":1}); evil();`,
		`cb({"a":1}) && evil()`,
		`cb(1)(2)`,
		`cb({"a":1}, evil())`,
		`cb(1], evil)`, // an unbalanced ] hid the second argument
		`cb({"a":1}}, evil)`,
		`cb({"a":1}) /* unterminated`,
		`/* unterminated cb({"a":1})`,
		`cb({"a":1}) // x` + "\nevil()",
		`cb({"a":1}) // x` + "\u2028evil()", // a line terminator to JavaScript
		`cb({"a":1}) // x` + "\u2029evil()",
		`cb("unterminated)`,
		``,
	} {
		if got, err := encoders.UnwrapJSONP([]byte(body), name); !errors.Is(err, encoders.ErrJSONP) {
			t.Errorf("%q: %q, %v; want ErrJSONP", body, got, err)
		}
	}
}
