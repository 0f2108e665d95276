package main

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker/config"
	"github.com/mtlint/mtlint/checker/server"
)

func serveCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "serve mtlint over HTTP, with LanguageTool's API for the writing tools that speak it",
		ArgsUsage: " ",
		UsageText: "mtlint serve [--listen HOST:PORT] [options]",
		Description: `Serves mtlint over HTTP until SIGTERM or SIGINT, then finishes the requests
in flight and exits 0. It says "listening on http://HOST:PORT" on stderr once
it takes connections, and logs one line a request there (never the text).

LanguageTool's API, for LanguageTool clients (browser add-ons, LTeX, Obsidian's
plugin, gramma) pointed at http://HOST:PORT:
   POST|GET /v2/check       text= or data= (JSON annotations), language=en-US|en-GB|…|auto,
                            enabledRules, disabledRules, enabledCategories,
                            disabledCategories, enabledOnly, level=default|picky;
                            offsets in UTF-16 code units, as Java counts
   GET /v2/languages, /v2/info, /v2/healthcheck
mtlint's own API:
   POST /api/v1/check       the article as the body (text, Markdown or HTML by
                            Content-Type or ?format=), or JSON {"text": …, "format": …};
                            answers with the report of 'mtlint check --format json'
   GET /api/v1/rules        every rule, as 'mtlint rules --format json'
   GET /healthz             ok
   GET /metrics             Prometheus metrics

Checks run on --workers workers; up to --queue more wait, and a request
beyond them gets 503 at once. A text longer than --max-text-length characters
or a body larger than --max-body gets 413; a check that takes longer than
--timeout gets 500. The server never reads a file or fetches a URL for a
request. Rules are chosen as for mtlint check: the .mtlint.yml of the current
folder (or --config), then --enable and --disable; its serve: section sets
the defaults of the flags below (listen, max-text-length, max-body, workers,
queue, timeout, allow-origin).

Examples:
   mtlint serve
   mtlint serve --listen 0.0.0.0:8081 --workers 4 --queue 128
   mtlint serve --allow-origin https://cms.example.org --disable boilerplate
   curl -d language=en-US --data-urlencode 'text=They will be commercial , he said.' http://127.0.0.1:8081/v2/check
   curl -H 'Content-Type: text/markdown' --data-binary @article.md http://127.0.0.1:8081/api/v1/check`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Value: server.DefaultListen, Usage: "listen on `HOST:PORT` (port 0: any free port)"},
			&cli.IntFlag{Name: "max-text-length", Value: server.DefaultMaxTextLength, Usage: "refuse (413) a text of more than `N` characters (UTF-16 code units)"},
			&cli.StringFlag{Name: "max-body", Value: "2MB", Usage: "refuse (413) a request body larger than `SIZE` (bytes, or with KB, MB)"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), DefaultText: "number of CPUs", Usage: "run `N` checks at once"},
			&cli.IntFlag{Name: "queue", Value: server.DefaultQueue, Usage: "let `N` checks wait for a worker; refuse (503) more"},
			&cli.DurationFlag{Name: "timeout", Value: server.DefaultTimeout, Usage: "answer 500 to a request whose check takes longer than `DURATION`, queue included"},
			&cli.StringFlag{Name: "allow-origin", Usage: "let web pages of `ORIGIN` call the server (CORS): * for any, or origins separated by commas; default none"},
			&cli.StringFlag{Name: "rule-url", Usage: "give each match a link to `URL`, {rule} replaced by the rule ID, for clients to show as more information"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "access log `FORMAT` on stderr: text, json or none"},
			minSeverityFlag,
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off rules: `RULE` is a rule ID or a category (repeatable, comma-separated)"},
			&cli.StringSliceFlag{Name: "pack", Usage: "load an extra phrase pack from `FILE` at start (repeatable)"},
			ignorePatternFlag,
			languagesFlag,
			&cli.StringFlag{Name: "config", Usage: "use configuration `FILE` instead of the .mtlint.yml files of the current folder"},
			&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file"},
		},
		Action: env.serve,
	}
}

// serveSettings reads the flags of serve over the serve: section of the
// configuration.
func serveSettings(c *cli.Context, file config.Serve) (server.Options, string, error) {
	opt := server.Options{
		MaxTextLength: c.Int("max-text-length"), Workers: c.Int("workers"), Queue: c.Int("queue"),
		Timeout: c.Duration("timeout"), AllowOrigin: c.String("allow-origin"), RuleURL: c.String("rule-url"),
	}
	listen := c.String("listen")
	maxBody := c.String("max-body")
	if file.Listen != "" && !c.IsSet("listen") {
		listen = file.Listen
	}
	if file.MaxTextLength != nil && !c.IsSet("max-text-length") {
		opt.MaxTextLength = *file.MaxTextLength
	}
	if file.Workers != nil && !c.IsSet("workers") {
		opt.Workers = *file.Workers
	}
	if file.Queue != nil && !c.IsSet("queue") {
		opt.Queue = *file.Queue
	}
	if file.Timeout != nil && !c.IsSet("timeout") {
		opt.Timeout = *file.Timeout
	}
	if file.AllowOrigin != nil && !c.IsSet("allow-origin") {
		opt.AllowOrigin = *file.AllowOrigin
	}
	n, err := config.ParseSize(maxBody)
	if err != nil {
		return opt, "", usageErrorf(c, "--max-body: %v", err)
	}
	opt.MaxBody = n
	if file.MaxBody != nil && !c.IsSet("max-body") {
		opt.MaxBody = *file.MaxBody
	}
	switch {
	case opt.MaxTextLength < 1:
		return opt, "", usageErrorf(c, "--max-text-length %d: want at least 1", opt.MaxTextLength)
	case opt.Workers < 1:
		return opt, "", usageErrorf(c, "--workers %d: want at least 1", opt.Workers)
	case opt.Queue < 0:
		return opt, "", usageErrorf(c, "--queue %d: want 0 or more", opt.Queue)
	case opt.Timeout <= 0:
		return opt, "", usageErrorf(c, "--timeout %s: want a positive duration such as 10s", opt.Timeout)
	}
	if _, _, err := net.SplitHostPort(listen); err != nil {
		return opt, "", usageErrorf(c, "--listen %q: want HOST:PORT, such as 127.0.0.1:8081", listen)
	}
	return opt, listen, nil
}

func (env *appEnv) serve(c *cli.Context) error {
	if c.Args().Present() {
		return usageErrorf(c, "serve takes no arguments")
	}
	o := &checkOptions{}
	if err := env.runConfig(c, o); err != nil {
		return err
	}
	var fileServe config.Serve
	if !c.Bool("no-config") {
		files, err := config.Current(".", c.String("config"))
		if err != nil {
			return &exitError{code: exitUsage, msg: err.Error()}
		}
		fileServe = config.ServeSettings(files)
	}
	opt, listen, err := serveSettings(c, fileServe)
	if err != nil {
		return err
	}
	minSev, err := readMinSeverity(c)
	if err != nil {
		return err
	}
	base, err := env.ruleConfig(c, o.languages)
	if err != nil {
		return err
	}
	base.MinSeverity = minSev
	d, err := config.New(config.Options{Base: base, File: c.String("config"), NoConfig: c.Bool("no-config"),
		Log: func(msg string) { fmt.Fprintln(env.stderr, "mtlint: "+msg) }})
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	opt.Config = d.Config()
	opt.Version = versionString()
	switch f := c.String("log-format"); f {
	case "text":
		opt.Logger = slog.New(slog.NewTextHandler(env.stderr, nil))
	case "json":
		opt.Logger = slog.New(slog.NewJSONHandler(env.stderr, nil))
	case "none":
	default:
		return usageErrorf(c, "--log-format %q: want text, json or none", f)
	}
	srv, err := server.New(opt)
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return &exitError{code: exitUsage, msg: fmt.Sprintf("--listen %s: %v", listen, err)}
	}
	ctx, stop := signal.NotifyContext(c.Context, os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(env.stderr, "mtlint: listening on http://%s (workers %d, queue %d, timeout %s)\n", ln.Addr(), opt.Workers, opt.Queue, opt.Timeout.Round(time.Millisecond))
	if err := srv.Run(ctx, ln); err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	return nil
}
