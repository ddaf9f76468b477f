import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Histogram as HistogramData } from '../../api/search';
import './search.css';

interface Props {
  data: HistogramData;
  /** Drag across the chart to search that window. */
  onZoom: (start: string, end: string) => void;
}

/** Hits over time as bars (uPlot); dragging selects a narrower window. */
export function Histogram(props: Props) {
  let el: HTMLDivElement | undefined;
  let plot: uPlot | undefined;

  const series = (d: HistogramData): uPlot.AlignedData => [
    d.buckets.map((b) => Date.parse(b.time) / 1000),
    d.buckets.map((b) => b.hits),
  ];

  onMount(() => {
    if (!el) return;
    const width = () => Math.max(300, el?.clientWidth ?? 600);
    plot = new uPlot(
      {
        width: width(),
        height: 120,
        legend: { show: false },
        cursor: { drag: { x: true, y: false }, points: { show: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#dfe3e8' }, space: 80 },
          { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#dfe3e8' }, size: 48 },
        ],
        series: [{}, { label: 'hits', stroke: '#2563eb', fill: 'rgba(37, 99, 235, 0.35)', paths: uPlot.paths.bars?.({ size: [0.9, 40] }), points: { show: false } }],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 4) return;
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              props.onZoom(new Date(from * 1000).toISOString(), new Date(to * 1000).toISOString());
            },
          ],
        },
      },
      series(props.data),
      el,
    );
    const observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: 120 }));
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => plot?.setData(series(props.data)));
  onCleanup(() => plot?.destroy());

  return <div class="search-histogram" ref={(d) => (el = d)} role="img" aria-label={`Hits over time: ${props.data.total} in total`} />;
}
