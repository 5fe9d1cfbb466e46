package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress draws a download's progress bar on a terminal, on one line
// rewritten with '\r'. Quick downloads draw nothing: the bar appears once
// the download has taken showAfter, then at most every redraw.
type progress struct {
	w     io.Writer
	total int64 // -1 when unknown
	now   func() time.Time

	mu    sync.Mutex
	start time.Time
	last  time.Time
	n     int64
	drawn bool
	ended bool
}

const (
	showAfter = 300 * time.Millisecond
	redraw    = 100 * time.Millisecond
	barWidth  = 30
	lineWidth = 75 // every line is padded to this, so a shorter one hides a longer
)

func newProgress(w io.Writer, total int64, now func() time.Time) *progress {
	if now == nil {
		now = time.Now
	}
	t := now()
	return &progress{w: w, total: total, now: now, start: t}
}

// add counts n more bytes and redraws when it is time.
func (p *progress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += int64(n)
	t := p.now()
	if p.ended || t.Sub(p.start) < showAfter || (p.drawn && t.Sub(p.last) < redraw) {
		return
	}
	p.draw(t)
}

// finish draws the final state (if the bar was shown) and ends the line.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	p.ended = true
	if p.drawn {
		p.draw(p.now())
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw(t time.Time) {
	p.drawn, p.last = true, t
	fmt.Fprintf(p.w, "\r%-*s", lineWidth, p.line(t.Sub(p.start)))
}

// line renders the bar for elapsed time el.
func (p *progress) line(el time.Duration) string {
	rate := ""
	if el > 0 {
		rate = "  " + humanBytes(int64(float64(p.n)/el.Seconds())) + "/s"
	}
	if p.total <= 0 {
		return humanBytes(p.n) + rate
	}
	frac := min(float64(p.n)/float64(p.total), 1)
	full := int(frac * barWidth)
	bar := strings.Repeat("=", full)
	if full < barWidth {
		bar += ">" + strings.Repeat(" ", barWidth-full-1)
	}
	return fmt.Sprintf("[%s] %3.0f%%  %s / %s%s", bar, frac*100, humanBytes(p.n), humanBytes(p.total), rate)
}

// humanBytes formats n as B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
}

// progressBody counts what is read from a response body.
type progressBody struct {
	rc io.ReadCloser
	p  *progress
}

func (b *progressBody) Read(buf []byte) (int, error) {
	n, err := b.rc.Read(buf)
	b.p.add(n)
	if err != nil {
		b.p.finish()
	}
	return n, err
}

func (b *progressBody) Close() error {
	b.p.finish()
	return b.rc.Close()
}
