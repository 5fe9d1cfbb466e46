package oteltaroreq_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/taroreq/taroreq/client"
	reqlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/plugins/oteltaroreq"
	"github.com/taroreq/taroreq/transports"
)

// lockedWriter is a bytes.Buffer for concurrent writers.
type lockedWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// metricTexts is every metric's name and every data point's attributes.
func metricTexts(t *testing.T, reader *sdkmetric.ManualReader) []string {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			out = append(out, m.Name)
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, dp := range d.DataPoints {
					out = append(out, m.Name+" "+dp.Attributes.Encoded(nil))
				}
			case metricdata.Histogram[float64]:
				for _, dp := range d.DataPoints {
					out = append(out, m.Name+" "+dp.Attributes.Encoded(nil))
				}
			case metricdata.Gauge[int64]:
				for _, dp := range d.DataPoints {
					out = append(out, m.Name+" "+dp.Attributes.Encoded(nil))
				}
			default:
				out = append(out, fmt.Sprintf("%s %+v", m.Name, d))
			}
		}
	}
	return out
}

// everySpanText is every span's name, attributes, events, links and status.
func everySpanText(spans []sdktrace.ReadOnlySpan) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name()+" status "+s.Status().Description)
		for _, kv := range s.Attributes() {
			out = append(out, s.Name()+" "+string(kv.Key)+"="+kv.Value.Emit())
		}
		for _, e := range s.Events() {
			out = append(out, s.Name()+" event "+e.Name)
			for _, kv := range e.Attributes {
				out = append(out, s.Name()+" event "+e.Name+" "+string(kv.Key)+"="+kv.Value.Emit())
			}
		}
	}
	return out
}

// One client with every text form on (spans, metrics, the log interceptor
// and layer with headers at debug level, a Recorder) makes calls whose
// URLs, headers, bodies, redirects, backups and failures hold secrets of
// every kind the README names; none of them appears in any text form.
func TestNoSecretInAnyTextForm(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJKV1RQQVlMT0FEIn0.c2lnbmF0dXJlLXNpZw"
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/redir":
			w.Header().Set("Location", "/final;jsessionid=SESSSECRET?code=CODESECRET&x=1")
			w.WriteHeader(http.StatusFound)
		case r.URL.Path == "/cross":
			w.Header().Set("Location", strings.Replace(srvURL, "127.0.0.1", "localhost", 1)+"/x?access_token=XSECRET")
			w.WriteHeader(http.StatusFound)
		case r.URL.Path == "/slow":
			time.Sleep(300 * time.Millisecond)
		case r.URL.Path == "/500":
			w.Header().Set("X-Debug", "Authorization: Bearer ECHOSECRET")
			w.WriteHeader(http.StatusInternalServerError)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Auth-Token", "RESPSECRET")
			w.Header().Set("Set-Cookie", "sid=SETCOOKIESECRET")
			w.Header().Set("Link", "<"+srvURL+"/n?access_token=LINKSECRET>; rel=next")
			io.WriteString(w, `{"ok":true,"refresh_token":"BODYRESPSECRET"}`)
		}
	}))
	t.Cleanup(srv.Close)
	srvURL = srv.URL
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedURL := "http://" + closed.Addr().String()
	closed.Close()

	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	t.Cleanup(func() { tp.Shutdown(context.Background()) })
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { mp.Shutdown(context.Background()) })
	logs := &lockedWriter{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dir := t.TempDir()
	rec, err := transports.NewRecorder(http.DefaultTransport, dir)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(srv.URL, "http://", "http://svc:USERINFOSECRET@", 1)
	c := client.New(client.WithBaseURL(base), client.WithTransport(rec),
		client.WithCredentialHeaders("X-Workspace"),
		client.WithInterceptors(reqlog.Interceptor(logger, reqlog.WithHeaders(), reqlog.WithLevel(slog.LevelDebug))),
		client.WithInnerLayers(reqlog.Middleware(logger, reqlog.WithHeaders(), reqlog.WithLevel(slog.LevelDebug))),
		oteltaroreq.Instrument(oteltaroreq.WithTracerProvider(tp), oteltaroreq.WithMeterProvider(mp)))
	header := func() http.Header {
		return http.Header{"Authorization": {"Bearer AUTHSECRET"}, "Cookie": {"sid=COOKIESECRET"},
			"X-Workspace": {"WORKSPACESECRET"}, "X-Api-Key": {"APIKEYSECRET"},
			"X-Forwarded-Email": {"EMAILSECRET"}}
	}
	calls := []client.Option{
		{URL: "/redir", Data: map[string]any{"access_token": "QUERYSECRET", "state": jwt}},
		{URL: "/p/m%3Faccess_token%3DESCAPEDSECRET1/x"},
		{URL: "/p/m%3Faccess_token=ESCAPEDSECRET2"},
		{URL: "/p/cb%253Ftoken%253DESCAPEDSECRET3"},
		{URL: "/p/" + jwt + "/x"},
		{URL: "/cross"},
		{URL: "/slow", Timeout: 50 * time.Millisecond, Mode: client.ModeCORS,
			Backup: []string{closedURL + "/b?api_key=BACKUPSECRET1"}},
		{URL: "/500?password=QUERYSECRET2", Mode: client.ModeCORS,
			Backup: []string{strings.Replace(srv.URL, "127.0.0.1", "u:BACKUPPWSECRET@localhost", 1) + "/b?sig=BACKUPSECRET2"}},
		{URL: "/final", Method: "POST", Data: map[string]any{"password": "BODYSECRET", "n": 1}},
		{URL: "/final", Method: "POST", Data: "password=FORMSECRET&n=1",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var errTexts []string
	for _, opt := range calls {
		h := header()
		for k, v := range opt.Header {
			h[k] = v
		}
		opt.Header = h
		if opt.RetryTimes == 0 {
			opt.RetryTimes = client.NoRetry
		}
		resp, err := c.Request(ctx, opt)
		if err != nil {
			errTexts = append(errTexts, "error "+err.Error())
		}
		if resp != nil {
			errTexts = append(errTexts, "errmsg "+resp.ErrMsg)
		}
	}
	if err := rec.Err(); err != nil {
		t.Fatal(err)
	}
	var texts []string
	texts = append(texts, everySpanText(sr.Ended())...)
	texts = append(texts, metricTexts(t, reader)...)
	texts = append(texts, strings.Split(logs.String(), "\n")...)
	texts = append(texts, errTexts...)
	files := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files++
			texts = append(texts, "recording "+string(b))
		}
		return nil
	})
	if files == 0 || len(sr.Ended()) == 0 || logs.String() == "" {
		t.Fatalf("nothing recorded: %d files, %d spans, logs %q", files, len(sr.Ended()), logs.String())
	}
	for _, txt := range texts {
		for _, secret := range []string{"SECRET", "eyJzdWIi", "JWTPAYLOAD"} {
			if strings.Contains(txt, secret) {
				t.Errorf("%s in: %s", secret, txt)
				break
			}
		}
	}
}
