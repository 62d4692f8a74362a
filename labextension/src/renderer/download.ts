/**
 * Downloading the view on screen as an SVG or PNG file. The theme's colours are
 * written into the copy, so the file looks as the plot does without JupyterLab's CSS.
 */

/**
 * Style properties copied from the page into the downloaded SVG: every one that
 * changes how an SVG element paints (the labels' halo needs `paint-order`).
 */
const COPIED = [
  'display',
  'visibility',
  'opacity',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'paint-order',
  'vector-effect',
  'shape-rendering',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline'
];

/** Characters no file system takes in a name. */
const UNSAFE = '\\/:*?"<>|';

/** `ch` as a file name may have it: unsafe and control characters become `_`. */
function safeChar(ch: string): string {
  return ch < ' ' || ch === '\u007f' || UNSAFE.includes(ch) ? '_' : ch;
}

/** Longest name given to a download, before its extension. */
const LONGEST_NAME = 80;

/**
 * The file name of a download: the plot's labels (`y = a sin(x).png`), made safe for
 * every file system; `plot` when there is no label.
 */
export function fileName(labels: readonly string[], format: string): string {
  const joined = labels
    .filter(label => label.trim())
    .join(', ')
    .replace(/[ \t\r\n]+/g, ' ');
  const cut = [...joined].slice(0, LONGEST_NAME).map(safeChar).join('');
  const name = cut.replace(/^[\s.]+|[\s.]+$/g, '');
  return `${name || 'plot'}.${format}`;
}

/**
 * A stand-alone SVG document of `svg` as shown, without `leaveOut` elements, for a
 * picture `scale` times its size: a stroke that keeps its width on screen
 * (`non-scaling-stroke`, the curves) is widened as much, since the picture's pixels
 * are its screen.
 */
export function standaloneSvg(
  svg: SVGSVGElement,
  leaveOut: string,
  scale = 1
): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((element, k) => {
    const style = getComputedStyle(element);
    const target = copies[k] as SVGElement;
    const inline = COPIED.map(
      name => `${name}:${style.getPropertyValue(name)}`
    ).join(';');
    target.setAttribute('style', inline);
    if (
      scale !== 1 &&
      style.getPropertyValue('vector-effect') === 'non-scaling-stroke'
    ) {
      const width = parseFloat(style.getPropertyValue('stroke-width'));
      target.style.setProperty('stroke-width', `${width * scale}px`);
    }
    target.removeAttribute('class');
  });
  copy.querySelectorAll(leaveOut).forEach(node => node.remove());
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('tabindex');
  copy.setAttribute('width', svg.getAttribute('width') ?? '600');
  copy.setAttribute('height', svg.getAttribute('height') ?? '400');
  return new XMLSerializer().serializeToString(copy);
}

/** What a download leaves out: the trace dot and its label, the points' handles. */
const LEAVE_OUT = '.jp-PlotterView-trace, .jp-PlotterView-handles';

/** A PNG has twice the plot's pixels, for print and high-density screens. */
const PNG_SCALE = 2;

/** Save `blob` as `name` through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Download the SVG as `name`. */
export function downloadSvg(markup: string, name: string): void {
  saveBlob(new Blob([markup], { type: 'image/svg+xml' }), name);
}

/** Download the SVG drawn at `scale` times its size as a PNG named `name`. */
export async function downloadPng(
  markup: string,
  width: number,
  height: number,
  name: string,
  scale = 2
): Promise<void> {
  const url = URL.createObjectURL(
    new Blob([markup], { type: 'image/svg+xml' })
  );
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () =>
        reject(new Error('The picture could not be drawn.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) {
      throw new Error('This browser cannot draw a PNG.');
    }
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>(resolve =>
      canvas.toBlob(resolve, 'image/png')
    );
    if (!blob) {
      throw new Error('The PNG could not be made.');
    }
    saveBlob(blob, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Download the plot `svg` shows, `width` × `height` pixels, without its trace dot,
 * as an SVG or PNG named from its `labels`; a PNG that cannot be made is told to
 * `failed`.
 */
export function downloadPlot(
  svg: SVGSVGElement,
  format: 'svg' | 'png',
  width: number,
  height: number,
  labels: readonly string[],
  failed: (message: string) => void
): void {
  const name = fileName(labels, format);
  if (format === 'svg') {
    downloadSvg(standaloneSvg(svg, LEAVE_OUT), name);
    return;
  }
  const markup = standaloneSvg(svg, LEAVE_OUT, PNG_SCALE);
  downloadPng(markup, width, height, name, PNG_SCALE).catch(reason =>
    failed(`The PNG could not be made: ${reason}`)
  );
}
