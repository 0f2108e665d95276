package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"
)

// A graceful shutdown with http.Server.Shutdown alone drops requests that
// clients have already sent: closing the listener resets the connections
// that the kernel has completed but the server has not yet accepted (the
// client reads "connection reset"), and Shutdown closes without an answer
// a connection whose request it finishes reading after it began (the
// client reads EOF). Under load both are many: tools/loadtest -sigterm saw
// 31 requests in flight at SIGTERM and 28 of them fail so. drain avoids
// both: it accepts what the listener's queue holds, closes the listener,
// and lets every open connection answer the request it carries before
// Shutdown runs.

// The listener's queue is drained until no connection has come for
// drainQuiet, and for drainMax at most: connections that arrive in that
// window are served too, and those after it are refused.
const (
	drainQuiet = 10 * time.Millisecond
	drainMax   = 250 * time.Millisecond
)

// drainListener is the server's listener: it accepts as its listener
// does until startDrain, then takes the connections already queued and
// ends with net.ErrClosed, which stops http.Server.Serve (and Serve closes
// it).
type drainListener struct {
	net.Listener
	draining atomic.Bool
	stopAt   time.Time // set before draining
}

type deadliner interface{ SetDeadline(time.Time) error }

// startDrain starts draining, or says false when the listener cannot
// time out its Accept (not TCP or Unix) and must simply be closed.
func (l *drainListener) startDrain() bool {
	d, ok := l.Listener.(deadliner)
	if !ok {
		return false
	}
	now := time.Now()
	l.stopAt = now.Add(drainMax)
	l.draining.Store(true)
	d.SetDeadline(now.Add(drainQuiet))
	return true
}

// Accept returns the next connection; while draining, net.ErrClosed once
// none has come for drainQuiet or drainMax has passed.
func (l *drainListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if !l.draining.Load() {
		return c, err
	}
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, net.ErrClosed
		}
		return nil, err
	}
	next := time.Now().Add(drainQuiet)
	if next.After(l.stopAt) {
		next = l.stopAt
	}
	l.Listener.(deadliner).SetDeadline(next)
	return c, nil
}

// connCount counts the server's open connections (http.Server.ConnState).
type connCount struct {
	open atomic.Int64
	none chan struct{} // a token each time the count falls to 0
}

func newConnCount() *connCount { return &connCount{none: make(chan struct{}, 1)} }

func (c *connCount) track(_ net.Conn, st http.ConnState) {
	switch st {
	case http.StateNew:
		c.open.Add(1)
	case http.StateClosed, http.StateHijacked:
		if c.open.Add(-1) == 0 {
			select {
			case c.none <- struct{}{}:
			default:
			}
		}
	}
}

// wait returns when no connection is open, or when ctx ends.
func (c *connCount) wait(ctx context.Context) {
	for c.open.Load() > 0 {
		select {
		case <-c.none:
		case <-ctx.Done():
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// drain stops taking connections without dropping a request a client has
// sent: keep-alives off, so that each connection closes after the answer
// it owes (and the idle ones now); the listener's queue accepted and the
// listener closed, so that new connections are refused; then a wait until
// every accepted connection is answered and closed, or ctx ends. serveErr
// is Serve's result: drained says whether drain took it, and err is that
// error unless it is the net.ErrClosed that ended the drain.
func drain(ctx context.Context, hs *http.Server, dl *drainListener, conns *connCount, serveErr <-chan error) (drained bool, err error) {
	hs.SetKeepAlivesEnabled(false)
	if !dl.startDrain() {
		return false, nil
	}
	err = <-serveErr // Serve closes the listener as it returns
	dl.Listener.Close()
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	conns.wait(ctx)
	return true, err
}
