// When a document's diagnostics may first be published. UnusedStage depends on the build targets, which come
// from the settings (pulled with `workspace/configuration` after `initialized`) and from the workspace scan: a
// publish before those are known flags every stage that only a compose or bake file builds, and a moment later
// clears it again. So nothing is published until the settings are read, and UnusedStage waits for the first
// scan, for a bounded time: after that, diagnostics go out without UnusedStage, which joins when the scan ends
// (a hint appears late; a false one never flickers).

export type Readiness =
  /** Settings not read yet: publish nothing. */
  | 'waiting'
  /** The scan is taking long: publish all but UnusedStage. */
  | 'without-unused-stage'
  | 'ready';

export interface ReadinessTimes {
  /** How long the first scan may hold UnusedStage back once the settings are read. */
  readonly scanWaitMs: number;
  /** How long a client may take to answer for its settings before we publish with the defaults. */
  readonly settingsWaitMs: number;
}

export const DEFAULT_READINESS_TIMES: ReadinessTimes = { scanWaitMs: 1000, settingsWaitMs: 3000 };

export class DiagnosticsReadiness {
  private settingsRead = false;
  private scanWaitOver = false;

  /**
   * @param scanDone whether the first workspace scan has ended
   * @param changed called when more may be published than before: publish the open documents again
   */
  constructor(private readonly scanDone: () => boolean, private readonly changed: () => void, private readonly times = DEFAULT_READINESS_TIMES) {}

  /** At `initialize`: a client that never answers for its settings must not keep diagnostics back for good. */
  start(): void {
    inBackground(setTimeout(() => this.settingsLoaded(), this.times.settingsWaitMs));
  }

  /** The settings are read (or the client sends them without being asked). */
  settingsLoaded(): void {
    if (this.settingsRead) return;
    this.settingsRead = true;
    inBackground(setTimeout(() => {
      this.scanWaitOver = true;
      if (!this.scanDone()) this.changed();
    }, this.times.scanWaitMs));
    this.changed();
  }

  get state(): Readiness {
    if (!this.settingsRead) return 'waiting';
    if (this.scanDone()) return 'ready';
    return this.scanWaitOver ? 'without-unused-stage' : 'waiting';
  }
}

/** A timer that does not keep Node's process alive; a browser worker's timer is a number, with nothing to do. */
function inBackground(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}
