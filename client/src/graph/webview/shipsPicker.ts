// The graph view's "Ships in" picker: the default target and every target the workspace builds of this
// Dockerfile (the server's `StageGraph.buildTargets`, the targets the code lens and UnusedStage count); picking one
// asks the panel for the graph with what ships in that target's image marked (`StageGraph.shippedFor`).
import type { StageGraph } from '../../../../server/src/protocol';
import { describeTarget } from './describe';

const TITLE = 'Mark the stages and edges whose files ship in the image of this target';

export class ShipsPicker {
  readonly element = document.createElement('select');

  /** `onPick`: the target's name (`GraphTarget.name`), undefined for the default target. */
  constructor(onPick: (target: string | undefined) => void) {
    this.element.className = 'ships';
    this.element.title = TITLE;
    this.element.setAttribute('aria-label', TITLE);
    this.element.addEventListener('change', () => onPick(this.element.value === '' ? undefined : this.element.value));
  }

  /** The graph's targets, the one its marks are for selected; hidden where no target builds a stage. */
  fill(graph: StageGraph): void {
    const targets = graph.buildTargets ?? [];
    this.element.hidden = targets.length === 0;
    this.element.replaceChildren(...targets.map((target) =>
      new Option(`Ships in ${describeTarget(target)}`, target.name ?? '', false, target.node === graph.shippedFor)));
  }
}
