package lsp

import "encoding/json"

// The structures of the Language Server Protocol (3.17) that the server
// reads and writes: only the fields it uses. Fields a client may leave out
// are pointers or zero values, so that a partial message decodes.

// Position is a line and a column, both from 0, the column in the unit the
// server and the client agreed on (UTF-16 code units unless UTF-8 was).
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a span from Start to End, End exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// TextEdit replaces Range by NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// WorkspaceEdit is a set of edits by document URI.
type WorkspaceEdit struct {
	Changes map[string][]TextEdit `json:"changes"`
}

// CodeDescription links a diagnostic's code to its documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// Diagnostic is one finding as the editor shows it.
type Diagnostic struct {
	Range           Range            `json:"range"`
	Severity        int              `json:"severity,omitempty"`
	Code            string           `json:"code,omitempty"`
	CodeDescription *CodeDescription `json:"codeDescription,omitempty"`
	Source          string           `json:"source,omitempty"`
	Message         string           `json:"message"`
	Data            *DiagnosticData  `json:"data,omitempty"`
}

// DiagnosticData is what a diagnostic keeps of its finding, for clients and
// for whoever reads the protocol: the rule's category, the flagged text in
// bytes of the document, the suggestions.
type DiagnosticData struct {
	Category    string   `json:"category,omitempty"`
	Severity    string   `json:"severity,omitempty"`
	Offset      int      `json:"offset"`
	Length      int      `json:"length"`
	Text        string   `json:"text,omitempty"`
	Suggestions []string `json:"suggestions,omitempty"`
	// Score and SourceLanguage are those of the document-level diagnostic.
	Score          int     `json:"score,omitempty"`
	SourceLanguage string  `json:"sourceLanguage,omitempty"`
	Confidence     float64 `json:"confidence,omitempty"`
}

// The diagnostic severities.
const (
	severityError       = 1
	severityWarning     = 2
	severityInformation = 3
)

// PublishDiagnosticsParams are the params of textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// TextDocumentItem is a document as textDocument/didOpen sends it.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

type didOpenParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

type versionedDocument struct {
	URI     string `json:"uri"`
	Version *int   `json:"version"`
}

type contentChange struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

type didChangeParams struct {
	TextDocument   versionedDocument `json:"textDocument"`
	ContentChanges []contentChange   `json:"contentChanges"`
}

type didSaveParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

type didCloseParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

type positionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

type codeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Only []string `json:"only"`
		// Diagnostics the client echoes back are not read: the actions
		// come from the server's own diagnostics (Neovim 0.7 sends their
		// ranges in bytes).
	} `json:"context"`
}

// CodeAction is a fix offered at a place.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// The code action kinds the server offers.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll.mtlint"
)

// MarkupContent is text for hovers.
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Hover is the answer to textDocument/hover.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

type cancelParams struct {
	ID json.RawMessage `json:"id"`
}

type initializeParams struct {
	ProcessID             *int            `json:"processId"`
	RootURI               *string         `json:"rootUri"`
	RootPath              *string         `json:"rootPath"`
	InitializationOptions json.RawMessage `json:"initializationOptions"`
	WorkspaceFolders      []struct {
		URI string `json:"uri"`
	} `json:"workspaceFolders"`
	Capabilities struct {
		General *struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		Workspace *struct {
			DidChangeWatchedFiles *struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
		TextDocument *struct {
			Hover *struct {
				ContentFormat []string `json:"contentFormat"`
			} `json:"hover"`
		} `json:"textDocument"`
	} `json:"capabilities"`
}

type fileEvent struct {
	URI  string `json:"uri"`
	Type int    `json:"type"`
}

type didChangeWatchedFilesParams struct {
	Changes []fileEvent `json:"changes"`
}

type didChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}
