package main

import (
	"context"
	"errors"

	"github.com/urfave/cli/v2"

	"github.com/mtlint/mtlint/checker"
	"github.com/mtlint/mtlint/checker/lsp"
)

// lspCommand is `mtlint lsp`: the language server over standard input and
// output (package checker/lsp).
func lspCommand(env *appEnv) *cli.Command {
	return &cli.Command{
		Name:      "lsp",
		Usage:     "run the language server (LSP over standard input and output) for editors",
		UsageText: "mtlint lsp [--config FILE | --no-config]",
		Description: `Speaks the Language Server Protocol on standard input and output, so that
an editor underlines findings as you write and offers their fixes: a quick
fix per suggestion, "fix all safe findings" (those of 'mtlint fix'), and,
in Markdown and HTML, "ignore this rule here". Documents of language
plaintext, markdown and html are checked, each with the .mtlint.yml files
found from its folder, read again when the editor says one changed. Editor
settings under the "mtlint" key (initializationOptions or
workspace/didChangeConfiguration): minSeverity, enable, disable, languages,
documentLanguages, scoreThreshold, debounce (ms). See docs/editors.md for the
setup of Neovim, Helix, Emacs, VS Code and Zed.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "use configuration `FILE` for every document instead of finding .mtlint.yml files"},
			&cli.BoolFlag{Name: "no-config", Usage: "read no configuration file"},
			&cli.BoolFlag{Name: "stdio", Usage: "talk over standard input and output (the default and only transport; accepted for clients that pass it)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageErrorf(c, "unexpected argument %q", c.Args().First())
			}
			if c.Bool("no-config") && c.String("config") != "" {
				return usageErrorf(c, "--config and --no-config: give one or the other")
			}
			err := lsp.Serve(context.Background(), env.stdin, env.stdout, lsp.Options{
				Base:       checker.Config{Rules: env.allRules()},
				ConfigFile: c.String("config"),
				NoConfig:   c.Bool("no-config"),
				Log:        env.stderr,
			})
			if errors.Is(err, lsp.ErrNoShutdown) {
				return &exitError{code: exitFindings}
			}
			return err
		},
	}
}
