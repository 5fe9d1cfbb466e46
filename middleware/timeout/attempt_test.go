package timeout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

type testKey struct{}

var errParent = errors.New("parent's cause")

// seen is what anyone can see of a context.
type seen struct {
	err, cause         error
	deadline           time.Time
	hasDeadline        bool
	value              any
	done               bool
	childErr, childCau error // of a WithCancelCause made now
	earlyErr, earlyCau error // of the one made by step "child"
	afterFunc          bool  // the one registered by step "afterFunc" ran
}

// side is one of the two contexts under test with what the steps made.
type side struct {
	ctx     context.Context
	release func()
	early   context.Context
	drop    context.CancelCauseFunc // early's
	ran     chan struct{}
	lazy    func() bool // the attempt's: nothing made, the clock decides
}

func (s *side) step(t *testing.T, step string, cancelParent context.CancelCauseFunc) {
	switch step {
	case "done":
		_ = s.ctx.Done()
	case "wait":
		// Past the deadline and, when there is one, its timer has run:
		// both sides must have seen the deadline before the next step.
		d, _ := s.ctx.Deadline()
		time.Sleep(time.Until(d) + time.Millisecond)
		if s.lazy == nil || !s.lazy() {
			select {
			case <-s.ctx.Done():
			case <-time.After(time.Second):
				t.Fatal("the deadline passed, Done is not closed")
			}
		}
	case "cancelParent":
		cancelParent(errParent)
	case "release":
		s.release()
	case "child":
		s.early, s.drop = context.WithCancelCause(s.ctx)
	case "afterFunc":
		s.ran = make(chan struct{})
		context.AfterFunc(s.ctx, func() { close(s.ran) })
	default:
		t.Fatalf("unknown step %q", step)
	}
}

func (s *side) see(t *testing.T) seen {
	var v seen
	v.err, v.cause = s.ctx.Err(), context.Cause(s.ctx) // before Done: the lazy path
	v.deadline, v.hasDeadline = s.ctx.Deadline()
	v.value = s.ctx.Value(testKey{})
	if v.err != nil {
		select {
		case <-s.ctx.Done():
		case <-time.After(time.Second):
			t.Fatal("Err is set, Done is not closed")
		}
	}
	select {
	case <-s.ctx.Done():
		v.done = true
	default:
	}
	child, cancel := context.WithCancelCause(s.ctx)
	v.childErr, v.childCau = child.Err(), context.Cause(child)
	cancel(nil)
	if s.early != nil {
		v.earlyErr, v.earlyCau = s.early.Err(), context.Cause(s.early)
		s.drop(nil)
	}
	if s.ran != nil {
		wait := time.Duration(0)
		if v.done {
			wait = time.Second // AfterFunc runs f in its own goroutine
		}
		select {
		case <-s.ran:
			v.afterFunc = true
		case <-time.After(wait):
		}
	}
	return v
}

// TestAttemptIsWithDeadlineCause: whatever happens to it, in any order, an
// attempt's context shows what context.WithDeadlineCause(parent, deadline,
// ErrExceeded) shows, made or not yet made, with a parent that can be
// canceled or not, or whose deadline comes first.
func TestAttemptIsWithDeadlineCause(t *testing.T) {
	scripts := []string{
		"", "done", "wait", "done wait", "release", "done release",
		"release wait", "wait release", "done wait release",
		"child wait", "child release", "afterFunc wait", "afterFunc release",
		"cancelParent", "done cancelParent", "cancelParent release", "release cancelParent",
		"child cancelParent", "afterFunc cancelParent", "wait cancelParent", "cancelParent wait",
	}
	parents := []string{"background", "cancelable", "earlier deadline"}
	for _, script := range scripts {
		for _, parent := range parents {
			steps := strings.Fields(script)
			if strings.Contains(script, "cancelParent") && parent == "background" {
				continue
			}
			t.Run(parent+": "+script, func(t *testing.T) {
				t.Parallel()
				d := time.Hour
				if strings.Contains(script, "wait") {
					d = 30 * time.Millisecond
				}
				pctx := context.WithValue(context.Background(), testKey{}, "v")
				cancelParent := context.CancelCauseFunc(func(error) {})
				switch parent {
				case "cancelable":
					pctx, cancelParent = context.WithCancelCause(pctx)
				case "earlier deadline":
					var cancel context.CancelFunc
					pctx, cancel = context.WithTimeout(pctx, d/2)
					cancelParent = func(error) { cancel() }
				}
				defer cancelParent(nil)
				req, _ := http.NewRequestWithContext(pctx, "GET", "http://stub.test/", nil)
				a := newAttempt(req, d)
				std, cancel := context.WithDeadlineCause(pctx, a.deadline, ErrExceeded)
				defer cancel()
				ours := &side{ctx: a, release: a.release, lazy: func() bool { return a.state.Load() == lazy }}
				theirs := &side{ctx: std, release: cancel}
				for _, step := range steps {
					ours.step(t, step, cancelParent)
					theirs.step(t, step, cancelParent)
				}
				want := theirs.see(t)
				if got := ours.see(t); got != want {
					t.Errorf("attempt:\n %+v\nWithDeadlineCause:\n %+v", got, want)
				}
				a.release()
			})
		}
	}
}

// TestAttemptChildrenNeedNoGoroutine: a WithCancel of the attempt, even
// under a WithValue (the tracing layer's, httptrace's), joins the
// deadline's context like any child of a cancelCtx: no goroutine each.
func TestAttemptChildrenNeedNoGoroutine(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	a := newAttempt(req, time.Hour)
	defer a.release()
	before := runtime.NumGoroutine()
	var cancels []context.CancelFunc
	for i := 0; i < 100; i++ {
		_, cancel := context.WithCancel(context.WithValue(a, testKey{}, i))
		cancels = append(cancels, cancel)
	}
	if n := runtime.NumGoroutine() - before; n > 50 {
		t.Errorf("%d more goroutines for 100 children", n)
	}
	for _, cancel := range cancels {
		cancel()
	}
}

func TestAttemptString(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://stub.test/", nil)
	a := newAttempt(req, time.Hour)
	defer a.release()
	if s := a.String(); !strings.HasPrefix(s, "context.Background.WithDeadline(") {
		t.Errorf("String() = %q", s)
	}
	if s := context.WithoutCancel(a).(fmt.Stringer).String(); !strings.HasPrefix(s, "context.Background.WithDeadline(") {
		t.Errorf("a child's String() = %q", s)
	}
}
