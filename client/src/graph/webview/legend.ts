// The legend under the graph: what each edge style and node mark means, drawn with the graph's own classes.
import { EDGE_KIND_NAME } from './describe';

const SVG = 'http://www.w3.org/2000/svg';

const EDGES: readonly [string, string][] = [
  ...Object.entries(EDGE_KIND_NAME), ['error', 'rejected by BuildKit'], ['possible', 'may use (a name from ARGs)'],
  ['shipped', 'files come along it into the picked target\'s image'],
];
const NODES: readonly [string, string][] = [
  ['stage target', 'build target'], ['stage unused', 'unused stage'], ['stage context', 're-run by a change to the build context'],
  ['stage shipped', 'ships in the picked target\'s image'], ['image', 'image'],
];

export function legend(): HTMLElement {
  const footer = document.createElement('footer');
  footer.className = 'legend';
  footer.setAttribute('aria-label', 'Legend');
  for (const [kind, text] of EDGES) footer.append(item(edgeSample(kind), text));
  for (const [kind, text] of NODES) footer.append(item(nodeSample(kind), text));
  return footer;
}

function item(sample: SVGSVGElement, text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'legend-item';
  span.append(sample, document.createTextNode(text));
  return span;
}

function sample(className: string, shape: SVGElement): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const group = document.createElementNS(SVG, 'g');
  group.setAttribute('class', className);
  group.append(shape);
  svg.append(group);
  return svg;
}

function edgeSample(kind: string): SVGSVGElement {
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M1 6 H27');
  const classes = kind === 'error' ? 'copy error' : kind === 'possible' || kind === 'shipped' ? `from ${kind}` : kind;
  return sample(`edge ${classes}`, path);
}

function nodeSample(kind: string): SVGSVGElement {
  const shape = document.createElementNS(SVG, kind === 'image' ? 'ellipse' : 'path');
  if (kind === 'image') Object.entries({ cx: '14', cy: '6', rx: '12', ry: '5' }).forEach(([name, value]) => shape.setAttribute(name, value));
  else shape.setAttribute('d', 'M3 1 H25 Q27 1 27 3 V9 Q27 11 25 11 H3 Q1 11 1 9 V3 Q1 1 3 1 Z');
  return sample(`node ${kind}`, shape);
}
