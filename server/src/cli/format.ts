// Output formats of `dockerfile-stages check`: text (`file:line:col severity Code message`), JSON, SARIF 2.1.0,
// and GitHub Actions workflow commands (`::error file=...::message`), which show inline on pull requests.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { RULES, RULE_CODES } from '../features/diagnostics/rules';

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY_NAME: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

const SARIF_LEVEL: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

function severityOf(diagnostic: Diagnostic): DiagnosticSeverity {
  return diagnostic.severity ?? DiagnosticSeverity.Error;
}

/** Lines and columns 1-based, as compilers print them; columns count UTF-16 code units like the editor. */
export function formatText(reports: readonly FileReport[]): string {
  const lines = reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) =>
    `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAME[severityOf(d)]} ${d.code} ${d.message}`));
  return lines.map((line) => line + '\n').join('');
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(reports.map(({ file, diagnostics }) => ({
    file,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: SEVERITY_NAME[severityOf(d)],
      message: d.message,
      range: d.range,
    })),
  })), null, 2) + '\n';
}

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dockerfile-stages',
          version,
          rules: RULE_CODES.map((code) => ({ id: code, helpUri: RULES[code].href })),
        },
      },
      results: reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) => ({
        ruleId: d.code,
        level: SARIF_LEVEL[severityOf(d)],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: file },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        }],
      }))),
      columnKind: 'utf16CodeUnits',
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

const GITHUB_COMMAND: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'notice',
  [DiagnosticSeverity.Hint]: 'notice',
};

/** Workflow commands escape `%`, CR and LF in the message, and also `:` and `,` in property values. */
function githubEscape(text: string, property = false): string {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return property ? escaped.replace(/:/g, '%3A').replace(/,/g, '%2C') : escaped;
}

/** One `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=Rule::message` line per problem (1-based). */
export function formatGithub(reports: readonly FileReport[]): string {
  return reports.flatMap(({ file, diagnostics }) => diagnostics.map((d) => {
    const properties = [
      `file=${githubEscape(file, true)}`,
      `line=${d.range.start.line + 1}`,
      `col=${d.range.start.character + 1}`,
      `endLine=${d.range.end.line + 1}`,
      `endColumn=${d.range.end.character + 1}`,
      `title=${githubEscape(String(d.code), true)}`,
    ];
    return `::${GITHUB_COMMAND[severityOf(d)]} ${properties.join(',')}::${githubEscape(d.message)}\n`;
  })).join('');
}

