// Registers the general features' providers only while they are enabled, so that a client running another
// Dockerfile server does not get two formatters or two signature helps. Clients without dynamic registration
// get them (or not) once, at initialize.
import {
  DocumentFormattingRequest, DocumentLinkRequest, DocumentOnTypeFormattingRequest, DocumentRangeFormattingRequest,
  SignatureHelpRequest, type ClientCapabilities, type Connection, type Disposable, type ServerCapabilities,
} from 'vscode-languageserver/node';

const DOCUMENT_SELECTOR = [{ language: 'dockerfile' }];
const SIGNATURE_TRIGGERS = ['-', '[', ',', ' ', '='];
const ON_TYPE_TRIGGER = '`';

export class GeneralRegistrations {
  private readonly dynamic: boolean;
  private registered?: Promise<Disposable[]>;

  constructor(private readonly connection: Connection, capabilities: ClientCapabilities) {
    const text = capabilities.textDocument;
    this.dynamic = !!(text?.formatting?.dynamicRegistration && text.rangeFormatting?.dynamicRegistration
      && text.onTypeFormatting?.dynamicRegistration && text.signatureHelp?.dynamicRegistration && text.documentLink?.dynamicRegistration);
  }

  /** The providers to announce at initialize: all of them when the client cannot register them later. */
  staticCapabilities(enabled: boolean): ServerCapabilities {
    if (this.dynamic || !enabled) return {};
    return {
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      documentOnTypeFormattingProvider: { firstTriggerCharacter: ON_TYPE_TRIGGER },
      signatureHelpProvider: { triggerCharacters: SIGNATURE_TRIGGERS },
      documentLinkProvider: { resolveProvider: true },
    };
  }

  async update(enabled: boolean): Promise<void> {
    if (!this.dynamic || enabled === (this.registered !== undefined)) return;
    if (enabled) {
      this.registered = Promise.all([
        this.connection.client.register(DocumentFormattingRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
        this.connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: DOCUMENT_SELECTOR }),
        this.connection.client.register(DocumentOnTypeFormattingRequest.type, { documentSelector: DOCUMENT_SELECTOR, firstTriggerCharacter: ON_TYPE_TRIGGER }),
        this.connection.client.register(SignatureHelpRequest.type, { documentSelector: DOCUMENT_SELECTOR, triggerCharacters: SIGNATURE_TRIGGERS }),
        this.connection.client.register(DocumentLinkRequest.type, { documentSelector: DOCUMENT_SELECTOR, resolveProvider: true }),
      ]);
      await this.registered;
    } else {
      const disposables = await this.registered!;
      this.registered = undefined;
      for (const disposable of disposables) disposable.dispose();
    }
  }
}
