package bench

import "net/http"

// Features of the full Taro stack that an ablation row leaves out.
var ablations = []string{"store", "timeout", "breaker", "otel", "query", "datacheck"}

// fullStackWithout is fullStackRunner(false) without one feature, all else
// the same: what that feature costs in each mode is the full stack's ratio
// less this row's.
//   - store: UseStore false (no read, no write);
//   - timeout: Option.Timeout -1 (no per-attempt deadline: no context, no timer);
//   - breaker: the default layers but the breaker, through WithLayers;
//   - otel: no oteltaroreq.Instrument();
//   - query: no Data (the same URL, no struct to encode);
//   - datacheck: no DataCheck (the typed decode still runs once).
func fullStackWithout(feature string) func(rt http.RoundTripper) runner {
	return fullStack(false, feature)
}

// ablationRows are the rows taro_full_stack_without_<feature>.
func ablationRows() []row {
	var rs []row
	for _, f := range ablations {
		rs = append(rs, row{"taro_full_stack_without_" + f, fullStackWithout(f)})
	}
	return rs
}
