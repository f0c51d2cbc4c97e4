// The registrations of our rename provider (renameFirst.ts registers it again and again, so that the newest is
// the one VS Code asks first), and when an old one may go. No `vscode` import: unit-tested with a fake clock.
//
// VS Code takes its list of rename providers once, when a rename starts (RenameSkeleton in
// src/vs/editor/contrib/rename/browser/rename.ts: `registry.ordered(model)`), then asks the first one's
// prepareRename, and later, after the user typed the new name, the provideRenameEdits of the one that
// answered. The extension host answers a call for a disposed registration with nothing
// (ExtHostLanguageFeatures._withAdapter returns its fallback, `undefined`), and VS Code takes nothing for "no
// result" and asks the next provider in its list: the Docker extensions' server, whose rename leaves
// `RUN --mount=...,from=` behind. Measured in the workbench test under load, once it lost its fixed waits
// (theirs renamed in 3 of 13 runs; in 3 of 3 with a re-registration forced right after F2): F2 registered ours
// anew and started the rename, and a re-registration right after (the click's throttled one 27 ms later; the
// timer 3 s after our start, 78 ms or 1.1 s later) disposed that registration before VS Code's prepareRename
// reached it; theirs renamed. So a registration stays while VS Code may still be about to call it:
//  - for HANDOVER_MS after a newer one replaced it: a rename VS Code started on it just before reaches it in
//    that time (its first call is sent as the rename starts; the extension host may be busy for a while);
//  - from its prepareRename being called (not answered: the answer takes a server round trip) until its
//    provideRenameEdits ends, or the rename is long abandoned (Escape calls nothing).

export interface Disposable {
  dispose(): void;
}

/** A newer registration replaced an older one this long ago at least before the older one is disposed. */
export const HANDOVER_MS = 30_000;
/** A rename VS Code started on a registration (its input box open) keeps that registration this long at most. */
export const RENAME_SESSION_MS = 120_000;

/** One registration of the provider. */
export interface Registration {
  disposable?: Disposable;
  /** When a newer registration took its place; undefined while it is the newest. */
  supersededAt?: number;
  /** When VS Code last began a rename on it (called its prepareRename); undefined once that rename ended. */
  renameStartedAt?: number;
}

export class ProviderRegistrations implements Disposable {
  private readonly registrations: Registration[] = [];
  private lastDeclined?: string;

  /** `register`: registers the provider for one registration (it reports its rename's start and end here). */
  constructor(private readonly register: (registration: Registration) => Disposable, private readonly now: () => number = Date.now) {}

  /** Registers the provider again, as the newest; disposes the old registrations nothing can still reach. */
  add(): void {
    const now = this.now();
    for (const registration of this.registrations) registration.supersededAt ??= now;
    const registration: Registration = {};
    registration.disposable = this.register(registration);
    this.registrations.push(registration);
    this.retire();
  }

  /** VS Code called the registration's prepareRename: it may call its provideRenameEdits later. */
  renameStarted(registration: Registration): void {
    registration.renameStartedAt = this.now();
  }

  /** The rename on the registration ended (its edits given), or VS Code went on to another provider. */
  renameEnded(registration: Registration): void {
    registration.renameStartedAt = undefined;
    this.retire();
  }

  /**
   * Our server declined to rename at `position` (a document version and a place in it). VS Code then asks the
   * next provider in its list, and the next ones are our older registrations, kept above: each would ask the
   * server the same question again, a round trip each (up to 120 of them after 30 s of cursor moves). They take
   * the answer from here instead: the server's answer depends on the version and the place only.
   */
  declined(position: string): void {
    this.lastDeclined = position;
  }

  /** Whether our server just declined to rename at `position`: an older registration declines too, at once. */
  wasDeclined(position: string): boolean {
    return this.lastDeclined === position;
  }

  /** How many registrations are live (for tests). */
  get size(): number {
    return this.registrations.length;
  }

  private retire(): void {
    const now = this.now();
    for (const registration of [...this.registrations]) {
      if (!this.unreachable(registration, now)) continue;
      registration.disposable?.dispose();
      this.registrations.splice(this.registrations.indexOf(registration), 1);
    }
  }

  private unreachable(registration: Registration, now: number): boolean {
    if (registration.supersededAt === undefined || now - registration.supersededAt < HANDOVER_MS) return false;
    return registration.renameStartedAt === undefined || now - registration.renameStartedAt >= RENAME_SESSION_MS;
  }

  dispose(): void {
    this.registrations.forEach((registration) => registration.disposable?.dispose());
    this.registrations.length = 0;
  }
}
