// Admin: A/B experiments between retrieval strategies with per-arm figures (GET /api/v2/admin/experiments/{id}).
import { getJson, send } from './api.js';
import { $, h, announce, guarded, formatTime } from './dom.js';

export function initExperiments() {
  $('#experiments-refresh').addEventListener('click', () => guarded(loadExperiments));
}

export async function loadExperiments() {
  const experiments = await getJson('/api/v2/admin/experiments');
  $('#experiments-empty').hidden = experiments.length > 0;
  const views = await Promise.all(experiments.map(async experiment => {
    const results = await getJson(`/api/v2/admin/experiments/${experiment.id}`);
    return view(experiment, results.arms);
  }));
  $('#experiments-list').replaceChildren(...views);
}

const number = (value, digits = 1) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const percent = value => (value === null || value === undefined ? '–' : `${(100 * value).toFixed(1)}%`);

function view(experiment, arms) {
  const titleId = `experiment-${experiment.id}`;
  const stop = experiment.state === 'running'
    ? h('button', { type: 'button', 'aria-label': `Stop experiment ${experiment.name}`, onclick: () => guarded(() => stopExperiment(experiment)) }, 'Stop')
    : null;
  return h('section', { class: 'experiment', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, experiment.name),
    h('p', { class: 'muted' },
      `${experiment.state} · collection ${experiment.collection ?? 'every collection without its own'} · started ${formatTime(experiment.createdAt)}`,
      experiment.stoppedAt ? ` · stopped ${formatTime(experiment.stoppedAt)}` : ''),
    stop,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, `Figures per arm of ${experiment.name}`),
      h('thead', {}, h('tr', {}, ...['Arm', 'Strategy', 'Share', 'Queries', 'p50 ms', 'p95 ms', 'p99 ms', 'Empty', 'Up', 'Down', 'Up-rate', 'z', 'p-value']
        .map((label, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, label)))),
      h('tbody', {}, ...arms.map(arm => h('tr', {},
        h('td', {}, String(arm.arm)), h('td', {}, arm.strategy),
        ...[`${arm.percent}%`, String(arm.queries), number(arm.latencyP50Ms), number(arm.latencyP95Ms), number(arm.latencyP99Ms),
          percent(arm.emptyRate), String(arm.up), String(arm.down), percent(arm.upRate), number(arm.upRateTest?.z, 2),
          number(arm.upRateTest?.pValue, 3)].map(cell => h('td', { class: 'num' }, cell))))))));
}

async function stopExperiment(experiment) {
  await send(`/api/v2/admin/experiments/${experiment.id}/stop`);
  announce(`Experiment ${experiment.name} stopped.`);
  await loadExperiments();
}
