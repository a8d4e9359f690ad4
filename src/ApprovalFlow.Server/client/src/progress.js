// The progress island (/cycles/{businessKey}, the planning office's progress dashboard): one Chart.js bar chart per
// [data-island="progress-chart"] element, from the JSON block its data-figures names:
// { locale: 'fa-IR' | 'en-GB', rtl, stacked, labels: [theme names], datasets: [{ label, color, data: [numbers] }] }.
// Right to left on Persian pages: the category axis runs from the right, the value axis and the legend stand on the
// right, legend and tooltips are laid out right to left; figures in axis labels and tooltips are formatted with
// Intl.NumberFormat(locale) (Persian digits for fa-IR); the font is the page's (Vazirmatn). The table below each chart
// carries the same figures for people who do not see the canvas. Sets data-state="shown" once drawn.
// Only the Chart.js parts used are registered, so esbuild leaves the rest out.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { readJson } from './json-block.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const narrow = (width) => width < 576;

function legendPosition(rtl, width) {
  if (narrow(width)) return 'bottom';
  return rtl ? 'right' : 'left';
}

function mount(island) {
  const figures = readJson(island.dataset.figures, null);
  const canvas = island.querySelector('canvas');
  if (!figures || !canvas) return;
  const numbers = new Intl.NumberFormat(figures.locale, { maximumFractionDigits: 0 });
  const font = getComputedStyle(document.body).fontFamily;
  const direction = figures.rtl ? 'rtl' : 'ltr';
  island.style.position = 'relative';
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: figures.labels,
      datasets: figures.datasets.map((set) => ({
        label: set.label, data: set.data, backgroundColor: set.color, borderColor: set.color, borderWidth: 1,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: narrow(island.clientWidth) ? 1 : 2.2,
      animation: false,
      locale: figures.locale,
      font: { family: font },
      scales: {
        x: { stacked: figures.stacked, reverse: figures.rtl, ticks: { font: { family: font } } },
        y: {
          stacked: figures.stacked,
          beginAtZero: true,
          position: figures.rtl ? 'right' : 'left',
          ticks: { precision: 0, font: { family: font }, callback: (value) => numbers.format(value) },
        },
      },
      plugins: {
        legend: {
          position: legendPosition(figures.rtl, island.clientWidth),
          rtl: figures.rtl,
          textDirection: direction,
          labels: { font: { family: font } },
        },
        tooltip: {
          rtl: figures.rtl,
          textDirection: direction,
          titleFont: { family: font },
          bodyFont: { family: font },
          callbacks: { label: (item) => `${item.dataset.label}: ${numbers.format(item.parsed.y)}` },
        },
      },
      onResize: (resized, size) => {
        resized.options.plugins.legend.position = legendPosition(figures.rtl, size.width);
        resized.options.aspectRatio = narrow(size.width) ? 1 : 2.2;
      },
    },
  });
  island.dataset.state = 'shown';
  return chart;
}

document.querySelectorAll('[data-island="progress-chart"]').forEach(mount);
