package main

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/taroreq/taroreq/client"
)

// dataCheck is --data-check: every FIELD=VALUE must hold in the JSON body.
func dataCheck(checks []string) func(*client.Response) bool {
	return func(r *client.Response) bool {
		// The body as received (a JSONP call's payload), its numbers as
		// their text: an id past 2^53 is no float64.
		var data any
		dec := json.NewDecoder(bytes.NewReader(r.Raw))
		dec.UseNumber()
		if len(r.Raw) == 0 || dec.Decode(&data) != nil {
			data = r.Data
			switch d := data.(type) {
			case []byte:
				_ = json.Unmarshal(d, &data)
			case string:
				_ = json.Unmarshal([]byte(d), &data)
			}
		}
		for _, c := range checks {
			field, want, _ := strings.Cut(c, "=")
			v, ok := lookup(data, field)
			if !ok || !valueIs(v, want) {
				return false
			}
		}
		return true
	}
}

// valueIs reports whether a JSON value is the --data-check VALUE: a number
// by its value (1.10 is 1.1, and 12345678901234567890123 is itself, not
// the float64 nearest to it), anything else by jsonText.
func valueIs(v any, want string) bool {
	n, ok := v.(json.Number)
	if !ok {
		return jsonText(v) == want
	}
	if n.String() == want {
		return true
	}
	if want == "" || !json.Valid([]byte(want)) || want[0] != '-' && (want[0] < '0' || want[0] > '9') {
		return false // no JSON number
	}
	if !strings.ContainsAny(n.String()+want, "eE") { // exact, and linear in the digits
		a, ok1 := new(big.Rat).SetString(n.String())
		b, ok2 := new(big.Rat).SetString(want)
		return ok1 && ok2 && a.Cmp(b) == 0
	}
	a, err1 := strconv.ParseFloat(n.String(), 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && a == b
}

// lookup follows a dotted path ("a.b.0.c") through objects and arrays.
func lookup(v any, path string) (any, bool) {
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[part]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// jsonText is a decoded JSON value as --data-check compares it: strings
// bare, numbers shortest, the rest as JSON.
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}
