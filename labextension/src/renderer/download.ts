/**
 * Downloading the view on screen as an SVG or PNG file. The theme's colours are
 * written into the copy, so the file looks as the plot does without JupyterLab's CSS.
 */

/** Style properties copied from the page into the downloaded SVG. */
const COPIED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight'
];

/** A stand-alone SVG document of `svg` as shown, without `leaveOut` elements. */
export function standaloneSvg(svg: SVGSVGElement, leaveOut: string): string {
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
    target.removeAttribute('class');
  });
  copy.querySelectorAll(leaveOut).forEach(node => node.remove());
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.removeAttribute('tabindex');
  copy.setAttribute('width', svg.getAttribute('width') ?? '600');
  copy.setAttribute('height', svg.getAttribute('height') ?? '400');
  return new XMLSerializer().serializeToString(copy);
}

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
 * as `plot.svg` or `plot.png`; a PNG that cannot be made is told to `failed`.
 */
export function downloadPlot(
  svg: SVGSVGElement,
  format: 'svg' | 'png',
  width: number,
  height: number,
  failed: (message: string) => void
): void {
  const markup = standaloneSvg(svg, '.jp-PlotterView-trace');
  if (format === 'svg') {
    downloadSvg(markup, 'plot.svg');
    return;
  }
  downloadPng(markup, width, height, 'plot.png').catch(reason =>
    failed(`The PNG could not be made: ${reason}`)
  );
}
