import { createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtBytes } from '../../ui/format';
import './storage.css';

interface ChartSeries {
  label: string;
  color: string;
  /** Epoch ms → bytes; null is a gap (a sample that could not see this). */
  points: { t: number; v: number | null }[];
}

export interface ChartLine {
  label: string;
  color: string;
  value: number;
}

interface Props {
  /** Accessible summary of what the chart shows. */
  label: string;
  series: ChartSeries[];
  /** Horizontal reference lines: steady state under retention, disk capacity. */
  lines?: ChartLine[];
  height?: number;
}

/** Bytes over time (uPlot), with dashed reference lines; all series share the first one's times. */
export function GrowthChart(props: Props) {
  let el: HTMLDivElement | undefined;
  let plot: uPlot | undefined;
  const height = () => props.height ?? 200;

  const data = (): uPlot.AlignedData => {
    const times = props.series[0]?.points.map((p) => p.t / 1000) ?? [];
    const lines = (props.lines ?? []).map((l) => times.map(() => l.value));
    return [times, ...props.series.map((s) => s.points.map((p) => p.v)), ...lines];
  };

  const build = () => {
    if (!el) return;
    plot?.destroy();
    const lines = props.lines ?? [];
    plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth || 600),
        height: height(),
        legend: { show: true, live: false },
        cursor: { points: { show: false } },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.05)] } },
        axes: [
          { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#dfe3e8' } },
          { stroke: '#667085', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#dfe3e8' }, size: 72, values: (_u, vals) => vals.map((v) => fmtBytes(v)) },
        ],
        series: [
          {},
          ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: s.points.length < 60, size: 5 }, value: (_u: uPlot, v: number | null) => fmtBytes(v) })),
          ...lines.map((l) => ({ label: l.label, stroke: l.color, width: 1, dash: [6, 4], points: { show: false }, value: (_u: uPlot, v: number | null) => fmtBytes(v) })),
        ],
      },
      data(),
      el,
    );
  };

  onMount(() => {
    if (!el) return;
    const observer = new ResizeObserver(() => plot?.setSize({ width: Math.max(300, el?.clientWidth ?? 600), height: height() }));
    observer.observe(el);
    onCleanup(() => observer.disconnect());
  });

  // The set of series and lines decides the chart's shape: rebuild when it changes, else just new data.
  let shape = '';
  createEffect(() => {
    const next = `${props.series.map((s) => s.label).join('|')}#${(props.lines ?? []).map((l) => l.label).join('|')}`;
    const values = data();
    if (next !== shape) {
      shape = next;
      build();
    } else plot?.setData(values);
  });
  onCleanup(() => plot?.destroy());

  return <div class="storage-chart" ref={(d) => (el = d)} role="img" aria-label={props.label} />;
}
