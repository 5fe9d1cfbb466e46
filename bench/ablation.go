package bench

import (
	"context"
	"fmt"
	"net/http"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
)

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
	return func(rt http.RoundTripper) runner {
		opts := []client.ClientOption{client.WithTransport(rt)}
		if feature != "otel" {
			opts = append(opts, oteltaroreq.Instrument())
		}
		if feature == "breaker" {
			ls := client.DefaultLayers() // store, backup, datacheck, retry, breaker, timeout
			opts = append(opts, client.WithLayers(append(ls[:len(ls)-2:len(ls)-2], ls[len(ls)-1])...))
		}
		c := client.New(opts...)
		check := func(r *client.Response) bool { return r.StatusCode == 200 && len(r.Raw) > 0 }
		return func(ctx context.Context, w workload) error {
			opt := client.Option{URL: w.url, Method: w.method, Data: query{Page: 2, Q: "taro", Verbose: true},
				Backup: []string{w.url + "?backup=1"}, DataCheck: check, UseStore: true, StoreCheckKey: "id", StoreSign: "never"}
			if w.body != nil {
				opt.Data = w.body
			}
			switch feature {
			case "store":
				opt.UseStore = false
			case "timeout":
				opt.Timeout = -1
			case "query":
				opt.Data = nil
			case "datacheck":
				opt.DataCheck = nil
			}
			res, err := client.Do[payload](ctx, c, opt)
			if err != nil {
				return err
			}
			if res.StatusCode != 200 || res.Value.ID != 7 && res.Value.ID != 1 {
				return fmt.Errorf("status %d, %+v", res.StatusCode, res.Value)
			}
			return nil
		}
	}
}

// ablationRows are the rows taro_full_stack_without_<feature>.
func ablationRows() []row {
	var rs []row
	for _, f := range ablations {
		rs = append(rs, row{"taro_full_stack_without_" + f, fullStackWithout(f)})
	}
	return rs
}
