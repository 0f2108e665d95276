package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/mtlint/mtlint/checker"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	requests *prometheus.CounterVec   // by handler and status code
	latency  *prometheus.HistogramVec // by handler
	bytes    prometheus.Counter       // bytes of text checked
	findings *prometheus.CounterVec   // by rule
	rejected prometheus.Counter       // 503s of a full queue
	handler  http.Handler             // /metrics
}

func newMetrics(reg *prometheus.Registry, p *pool) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mtlint_http_requests_total", Help: "HTTP requests answered, by handler and status code.",
		}, []string{"handler", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mtlint_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by handler.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"handler"}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mtlint_checked_bytes_total", Help: "Bytes of text checked.",
		}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mtlint_findings_total", Help: "Findings reported, by rule.",
		}, []string{"rule"}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mtlint_rejected_requests_total", Help: "Checks refused with 503 because the work queue was full.",
		}),
	}
	queue := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "mtlint_queue_depth", Help: "Checks waiting for a worker.",
	}, func() float64 { return float64(p.waiting()) })
	running := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "mtlint_checks_in_flight", Help: "Checks running on a worker.",
	}, func() float64 { return float64(p.running.Load()) })
	reg.MustRegister(m.requests, m.latency, m.bytes, m.findings, m.rejected, queue, running)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
	return m
}

// observe counts one answered request.
func (m *metrics) observe(handler string, code int, d time.Duration) {
	m.requests.WithLabelValues(handler, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(handler).Observe(d.Seconds())
}

// checked counts the bytes and findings of one check.
func (m *metrics) checked(n int, res *checker.Result) {
	m.bytes.Add(float64(n))
	for i := range res.Findings {
		m.findings.WithLabelValues(res.Findings[i].Rule).Inc()
	}
}
