// The general Dockerfile features that are not about stages (instruction completion and hover docs, formatting,
// signature help, links, variables), answered by dockerfile-language-service when enabled.
import {
  DockerfileLanguageServiceFactory,
  type Capabilities,
  type DockerfileLanguageService,
} from 'dockerfile-language-service';
import type {
  CompletionItem, DocumentHighlight, DocumentLink, FormattingOptions, Hover, Location, Position,
  Range, SignatureHelp, TextEdit,
} from 'vscode-languageserver-types';
import type { GeneralFeaturesSetting } from '../settings';
import type { StageModel } from '../analysis/model';
import { hasIncumbentParentLoop } from './parentLoopGuard';
import { shownSelection } from '../analysis/positions';

/** Marks the completion items that came from the general service, so resolve goes back to it. */
const GENERAL_ITEM = 'dockerfile-language-service';

export class GeneralFeatures {
  private readonly service: DockerfileLanguageService = DockerfileLanguageServiceFactory.createLanguageService();
  enabled = true;

  constructor(capabilities: Capabilities) {
    this.service.setCapabilities(capabilities);
  }

  /**
   * `auto` is off when another Dockerfile language server runs beside us (the client tells; VS Code's Docker
   * extensions bring one), so that users get no duplicate completions.
   */
  static isEnabled(setting: GeneralFeaturesSetting, otherServerActive: boolean): boolean {
    return setting === 'on' || (setting === 'auto' && !otherServerActive);
  }

  async completion(content: string, position: Position, model: StageModel): Promise<CompletionItem[]> {
    if (!this.enabled || hasIncumbentParentLoop(model)) return [];
    const items = await this.service.computeCompletionItems(content, position);
    return items.map((item) => ({ ...item, data: { [GENERAL_ITEM]: item.data ?? null } }));
  }

  static isGeneralItem(item: CompletionItem): boolean {
    return typeof item.data === 'object' && item.data !== null && GENERAL_ITEM in item.data;
  }

  resolveCompletion(item: CompletionItem): CompletionItem {
    const resolved = this.service.resolveCompletionItem({ ...item, data: item.data[GENERAL_ITEM] });
    return { ...resolved, data: item.data };
  }

  hover(content: string, position: Position): Hover | null {
    return this.enabled ? this.service.computeHover(content, position) : null;
  }

  signatureHelp(content: string, position: Position): SignatureHelp | null {
    return this.enabled ? this.service.computeSignatureHelp(content, position) : null;
  }

  format(content: string, options: FormattingOptions): TextEdit[] {
    return this.enabled ? this.service.format(content, options) : [];
  }

  /** The library formats every line from the range's start to its end, the one a Shift+Down selection ends on too. */
  formatRange(content: string, range: Range, options: FormattingOptions): TextEdit[] {
    if (!this.enabled) return [];
    return this.service.formatRange(content, shownSelection(range, (line) => content.split(/\r\n|\r|\n/, line + 1)[line]?.length ?? 0), options);
  }

  formatOnType(content: string, position: Position, ch: string, options: FormattingOptions): TextEdit[] {
    return this.enabled ? this.service.formatOnType(content, position, ch, options) : [];
  }

  links(content: string): DocumentLink[] {
    return this.enabled ? this.service.computeLinks(content) : [];
  }

  resolveLink(link: DocumentLink): DocumentLink {
    return this.service.resolveLink(link);
  }

  /** Variables (ARG/ENV) only: stage symbols never reach here. */
  definition(uri: string, content: string, position: Position): Location | null {
    return this.enabled ? this.service.computeDefinition({ uri }, content, position) : null;
  }

  highlight(content: string, position: Position): DocumentHighlight[] {
    return this.enabled ? this.service.computeHighlightRanges(content, position) : [];
  }

  prepareRename(content: string, position: Position): Range | null {
    return this.enabled ? this.service.prepareRename(content, position) : null;
  }

  rename(uri: string, content: string, position: Position, newName: string): TextEdit[] {
    return this.enabled ? this.service.computeRename({ uri }, content, position, newName) : [];
  }
}
